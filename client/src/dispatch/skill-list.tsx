import { useTranslation } from 'react-i18next';
import { skillLabel } from './labels.ts';

export interface SkillListProps {
  skills: readonly string[];
  /** The skills a dispatch asks for: they stand out. */
  wanted?: readonly string[];
  /** Write a dash for a member with no skills (in a table column); default true. */
  dash?: boolean;
}

/** A member's skills as small chips. */
export function SkillList({ skills, wanted = [], dash = true }: SkillListProps) {
  const { t } = useTranslation();
  if (skills.length === 0) return dash ? <span className="muted">—</span> : null;
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
