import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createMeeting } from '../api/regional.api.ts';
import { useAction } from './use-action.ts';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Today as the date input writes it, in the browser's time zone. */
const today = () => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

/** 记录联席会议: day, place in words, topic, how many attended, resolutions and follow-ups one a line. */
export function MeetingForm({ groupId, onDone, onCancel }: { groupId: number; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation('regional');
  const [heldOn, setHeldOn] = useState(today);
  const [place, setPlace] = useState('');
  const [topic, setTopic] = useState('');
  const [attendees, setAttendees] = useState('');
  const [resolutions, setResolutions] = useState('');
  const [followUps, setFollowUps] = useState('');
  const action = useAction(onDone);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    void action.run(() =>
      createMeeting(groupId, {
        held_on: heldOn,
        place_text: place.trim(),
        topic: topic.trim(),
        ...(attendees !== '' ? { attendee_count: Number(attendees) } : {}),
        resolutions: lines(resolutions),
        follow_ups: lines(followUps).map((title) => ({ title })),
      }),
    );
  };
  return (
    <form className="regional-form" onSubmit={submit} data-testid="meeting-form">
      <h4>{t('meeting.add')}</h4>
      <label className="field">
        <span>{t('meeting.heldOn')}</span>
        <input type="date" required value={heldOn} onChange={(event) => setHeldOn(event.target.value)} data-testid="meeting-held-on" />
      </label>
      <label className="field">
        <span>{t('meeting.place')}</span>
        <input
          required
          maxLength={200}
          value={place}
          placeholder={t('meeting.placePlaceholder')}
          onChange={(event) => setPlace(event.target.value)}
          data-testid="meeting-place"
        />
      </label>
      <label className="field">
        <span>{t('meeting.topic')}</span>
        <input required maxLength={200} value={topic} onChange={(event) => setTopic(event.target.value)} data-testid="meeting-topic" />
      </label>
      <label className="field">
        <span>{t('meeting.attendees')}</span>
        <input
          type="number"
          min={0}
          max={100000}
          step={1}
          value={attendees}
          onChange={(event) => setAttendees(event.target.value)}
          data-testid="meeting-attendees"
        />
      </label>
      <label className="field">
        <span>{t('meeting.resolutions')}</span>
        <textarea rows={3} value={resolutions} onChange={(event) => setResolutions(event.target.value)} data-testid="meeting-resolutions" />
      </label>
      <label className="field">
        <span>{t('meeting.followUps')}</span>
        <textarea rows={2} value={followUps} onChange={(event) => setFollowUps(event.target.value)} data-testid="meeting-follow-ups" />
      </label>
      <div className="panel-actions">
        <button type="submit" className="primary-button" disabled={action.busy || place.trim() === '' || topic.trim() === ''} data-testid="meeting-submit">
          {t('save')}
        </button>
        <button type="button" className="secondary-button" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      {action.error && (
        <p className="form-error" role="alert" data-testid="regional-error">
          {t('actionFailed', { message: action.error })}
        </p>
      )}
    </form>
  );
}
