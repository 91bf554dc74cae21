import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoaded } from '../admin/use-loaded.ts';
import type { FollowUp, GroupRecord, Meeting } from '../api/contract.ts';
import { fetchGroup, fetchGroups, setGroupLead, updateFollowUp } from '../api/regional.api.ts';
import { createRegionalGroupsLayer, regionalGroupsData } from '../map/layers/regional-groups.layer.ts';
import type { OneMapHost } from '../one-map/one-map-tool.ts';
import { boundsAround } from './bounds.ts';
import { ListBoard, StatusControl } from './list-board.tsx';
import { MeetingForm } from './meeting-form.tsx';
import { useAction } from './use-action.ts';

function FollowUpRow({ followUp: f, groupId, editable, onChanged }: { followUp: FollowUp; groupId: number; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation('regional');
  const action = useAction(onChanged);
  return (
    <li data-testid={`follow-up-${f.id}`} data-status={f.status}>
      {f.title}
      {f.responsible_org && <span className="muted"> · {f.responsible_org.name}</span>}
      {f.due_on && <span className="muted"> · {t('lists.dueOn', { date: f.due_on })}</span>}{' '}
      <StatusControl
        status={f.status}
        testId={`follow-up-status-${f.id}`}
        editable={editable}
        busy={action.busy}
        onChange={(status) => void action.run(() => updateFollowUp(groupId, f.meeting_id, f.id, { status }))}
      />
      {action.error && (
        <p className="form-error" role="alert">
          {t('actionFailed', { message: action.error })}
        </p>
      )}
    </li>
  );
}

function MeetingItem({ meeting: m, editable, onChanged }: { meeting: Meeting; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation('regional');
  return (
    <li className="regional-meeting" data-testid={`meeting-${m.id}`}>
      <strong>{m.held_on}</strong> {m.topic}
      <p className="muted">
        {m.place.name}
        {m.attendee_count !== null && ` · ${t('groups.attendance', { count: m.attendee_count })}`}
      </p>
      {m.attending_orgs.length > 0 && (
        <p className="muted">
          {t('groups.attendingOrgs')}：{m.attending_orgs.map((o) => o.name).join('、')}
        </p>
      )}
      {m.resolutions.length > 0 && (
        <>
          <h4>{t('groups.resolutions')}</h4>
          <ol className="panel-list" data-testid={`meeting-resolutions-${m.id}`}>
            {m.resolutions.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ol>
        </>
      )}
      {m.follow_ups.length > 0 && (
        <>
          <h4>{t('groups.followUps')}</h4>
          <ul className="panel-list">
            {m.follow_ups.map((f) => (
              <FollowUpRow key={f.id} followUp={f} groupId={m.group_id} editable={editable} onChanged={onChanged} />
            ))}
          </ul>
        </>
      )}
    </li>
  );
}

function Members({ group: g, editable, onChanged }: { group: GroupRecord; editable: boolean; onChanged: () => void }) {
  const { t } = useTranslation('regional');
  const action = useAction(onChanged);
  return (
    <section className="panel-section" data-testid="group-members">
      <h3>
        {t('groups.members')} <span className="count">{g.members.length}</span>
      </h3>
      {g.lead === null && <p className="muted">{t('groups.noLead')}</p>}
      <ul className="panel-list">
        {g.members.map((m) => (
          <li key={m.org_id} data-testid={`group-member-${m.org_id}`} data-lead={m.is_lead}>
            {m.name}
            {m.is_lead && <span className="tag"> {t('groups.lead')}</span>}
            {m.closed_on && <span className="muted"> ({t('groups.closed')})</span>}
            {editable && !m.is_lead && m.closed_on === null && (
              <button
                type="button"
                className="link-button"
                disabled={action.busy}
                onClick={() => void action.run(() => setGroupLead(g.id, m.org_id))}
                data-testid={`group-lead-${m.org_id}`}
              >
                {t('groups.makeLead')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {action.error && (
        <p className="form-error" role="alert">
          {t('actionFailed', { message: action.error })}
        </p>
      )}
    </section>
  );
}

function GroupDetail({ id, editable, onBack }: { id: number; editable: boolean; onBack: () => void }) {
  const { t } = useTranslation('regional');
  const record = useLoaded(useCallback((signal: AbortSignal) => fetchGroup(id, signal), [id]));
  const [adding, setAdding] = useState(false);
  const g = record.value;
  return (
    <div className="regional-detail" data-testid="group-detail" data-id={id} data-state={g ? 'done' : 'loading'}>
      <button type="button" className="link-button" onClick={onBack} data-testid="regional-back">
        ← {t('back')}
      </button>
      {record.error && (
        <p className="form-error" role="alert">
          {t('failed', { message: record.error.message })}
        </p>
      )}
      {g && (
        <>
          <h3 data-testid="group-title">{g.name}</h3>
          <p className="muted">
            {g.area_name} · {g.lead ? `${t('groups.lead')}：${g.lead.name}` : t('groups.noLead')}
          </p>
          <Members group={g} editable={editable} onChanged={record.reload} />
          <section className="panel-section" data-testid="group-meetings">
            <h3>
              {t('groups.meetings')} <span className="count">{g.meetings.length}</span>
            </h3>
            {editable &&
              (adding ? (
                <MeetingForm
                  groupId={g.id}
                  onCancel={() => setAdding(false)}
                  onDone={() => {
                    setAdding(false);
                    record.reload();
                  }}
                />
              ) : (
                <button type="button" className="secondary-button" onClick={() => setAdding(true)} data-testid="meeting-add">
                  {t('meeting.add')}
                </button>
              ))}
            {g.meetings.length === 0 ? (
              <p className="muted">{t('groups.noMeetings')}</p>
            ) : (
              <ul className="regional-meetings">
                {g.meetings.map((m) => (
                  <MeetingItem key={m.id} meeting={m} editable={editable} onChanged={record.reload} />
                ))}
              </ul>
            )}
          </section>
          <h3>{t('groups.lists')}</h3>
          <ListBoard owner={{ kind: 'regional_group', id: g.id }} lists={g.lists} editable={editable} onChanged={record.reload} />
        </>
      )}
    </div>
  );
}

/**
 * 区域化党建: the regional groups in the caller's scope, outlined on the map while the tool is open;
 * one opened shows its members with the lead, its joint meetings with their resolutions and
 * follow-ups, and its lists, the map fitted to its outline.
 */
export function GroupsSection({ host, editable }: { host: OneMapHost; editable: boolean }) {
  const { t } = useTranslation('regional');
  const [selected, setSelected] = useState<number | null>(null);
  const groups = useLoaded(useCallback((signal: AbortSignal) => fetchGroups({}, signal), []));

  useEffect(() => {
    host.drawLayers([createRegionalGroupsLayer({ id: 'regional-tool-outlines', selectedId: selected })]);
  }, [host, selected]);
  useEffect(() => () => host.drawLayers([]), [host]);

  const open = (id: number) => {
    setSelected(id);
    void regionalGroupsData({}).then((outlines) => {
      const outline = outlines.find((o) => o.id === id);
      if (outline) host.fitBounds(boundsAround(outline.geometry.coordinates.flat(), 0.05));
    });
  };

  if (selected !== null) return <GroupDetail id={selected} editable={editable} onBack={() => setSelected(null)} />;
  const list = groups.value?.groups ?? [];
  return (
    <div className="regional-section" data-testid="groups-section">
      {groups.error && (
        <p className="form-error" role="alert">
          {t('failed', { message: groups.error.message })}
        </p>
      )}
      {groups.value && list.length === 0 && <p className="muted">{t('empty')}</p>}
      <ul className="regional-rows">
        {list.map((g) => (
          <li key={g.id}>
            <button type="button" className="regional-row" onClick={() => open(g.id)} data-testid={`group-row-${g.id}`}>
              <span className="regional-row-title">{g.name}</span>
              <span className="muted">
                {t('groups.count', { count: g.member_count })}
                {g.lead && ` · ${t('groups.lead')}：${g.lead.name}`} ·{' '}
                {g.last_meeting_on ? t('groups.lastMeeting', { date: g.last_meeting_on }) : t('groups.noMeeting')}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
