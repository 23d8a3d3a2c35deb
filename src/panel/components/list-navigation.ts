/**
 * Arrow keys in the sessions list, as in the Network panel's request list: Up and Down move the
 * focus between the sessions and their payments (every element marked `data-nav-item`), Home and
 * End to the first and last, Enter on a payment activates its first action (poll, or show the
 * timeline). Tab still moves between every control.
 */
export function moveThroughList(event: KeyboardEvent): void {
  const list = event.currentTarget as HTMLElement | null;
  if (!list || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target as HTMLElement;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return;
  const items = [...list.querySelectorAll<HTMLElement>('[data-nav-item]')];
  // The row itself, or else the innermost row around the focus (a payment sits inside its session).
  const exact = items.indexOf(target);
  const current = exact >= 0 ? exact : items.findLastIndex((item) => item.contains(target));
  let next: number | undefined;
  if (event.key === 'ArrowDown') next = current < 0 ? 0 : Math.min(items.length - 1, current + 1);
  else if (event.key === 'ArrowUp') next = current < 0 ? 0 : Math.max(0, current - 1);
  else if (event.key === 'Home') next = 0;
  else if (event.key === 'End') next = items.length - 1;
  else if (event.key === 'Enter' && items[current] === target) {
    const action = target.querySelector<HTMLElement>('[data-testid="poll-button"], button[data-testid="poll-chip"], [data-testid="choose-session-button"]');
    if (action) {
      event.preventDefault();
      action.click();
    }
    return;
  }
  if (next === undefined || !items[next]) return;
  event.preventDefault();
  items[next]!.focus();
}
