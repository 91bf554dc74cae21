import { useTranslation } from 'react-i18next';
import type { MemberAlertView } from '../api/contract.ts';

function Phone({ number }: { number: string }) {
  return (
    <a className="member-phone" href={`tel:${number}`}>
      {number}
    </a>
  );
}

/** Whom the member may call: the dispatcher who alerted them, the duty phone, the incident's grid leader. */
export function MemberContact({ contact }: { contact: MemberAlertView['contact'] }) {
  const { t } = useTranslation();
  const { dispatcher, duty_phone: dutyPhone, grid_leader: gridLeader } = contact;
  return (
    <section className="member-contact" data-testid="member-dispatcher" aria-label={t('memberPage.contact.title')}>
      <h2>{t('memberPage.contact.title')}</h2>
      <dl>
        <dt>{t('memberPage.contact.dispatcher')}</dt>
        <dd>{dispatcher ?? t('memberPage.contact.commandCenter')}</dd>
        {dutyPhone && (
          <>
            <dt>{t('memberPage.contact.dutyPhone')}</dt>
            <dd>
              <Phone number={dutyPhone} />
            </dd>
          </>
        )}
        {gridLeader && (
          <>
            <dt>{t('memberPage.contact.gridLeader')}</dt>
            <dd>
              {gridLeader.name} {gridLeader.phone && <Phone number={gridLeader.phone} />}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
