/**
 * Copies `text` to the clipboard. The Clipboard API exists only in secure contexts, and an exercise
 * is often served over plain http on the local network, so the selected input is copied instead.
 */
export async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // permission refused: fall back to the selection
    }
  }
  if (!input) return false;
  input.select();
  // execCommand is deprecated but the only copy there is outside a secure context
  return document.execCommand('copy');
}
