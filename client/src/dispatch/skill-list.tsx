import { useTranslation } from 'react-i18next';
import { skillLabel } from './labels.ts';

/** A member's skills as small chips; the ones the dispatch asks for stand out. */
export function SkillList({ skills, wanted = [] }: { skills: readonly string[]; wanted?: readonly string[] }) {
  const { t } = useTranslation();
  if (skills.length === 0) return <span className="muted">—</span>;
  return (
    <span className="skill-list">
      {skills.map((skill) => (
        <span key={skill} className={wanted.includes(skill) ? 'skill wanted' : 'skill'}>
          {skillLabel(skill, t)}
        </span>
      ))}
    </span>
  );
}
