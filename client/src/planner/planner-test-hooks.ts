/**
 * For the browser test: `document.body.dataset.planRevision` names the plan and revision the map
 * shows once it has drawn them (`<id>-r<revision>`), so a test waits for the map, not for a timer.
 */
export function markPlanDrawn(id: number, revision: number): void {
  document.body.dataset.planRevision = `${id}-r${revision}`;
}

export function clearPlanDrawn(): void {
  delete document.body.dataset.planRevision;
}
