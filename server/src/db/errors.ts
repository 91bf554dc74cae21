/** PostgreSQL's unique_violation (23505): another row, or a concurrent request, got there first. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
