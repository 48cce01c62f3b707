/**
 * Runs `task` on submit, once at a time: the form's buttons are disabled while it is in flight,
 * so a double click sends one command (and one key).
 */
export function submitOnce(form: HTMLFormElement, task: (submitter: HTMLElement | null) => Promise<void>): void {
  let busy = false;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (busy) return;
    busy = true;
    const buttons = [...form.querySelectorAll('button')];
    const wasDisabled = buttons.map((b) => b.disabled);
    buttons.forEach((b) => ((b.disabled = true), b.setAttribute('aria-busy', 'true')));
    void task((e as SubmitEvent).submitter)
      .catch((err: unknown) => console.warn(err))
      .finally(() => {
        busy = false;
        buttons.forEach((b, i) => ((b.disabled = wasDisabled[i]), b.removeAttribute('aria-busy')));
      });
  });
}
