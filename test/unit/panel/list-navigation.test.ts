// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { moveThroughList } from '../../../src/panel/components/list-navigation.ts';

/** Two sessions, the first with two payments, as the panel's list marks them. */
function list() {
  document.body.innerHTML = `
    <nav id="list">
      <article data-nav-item tabindex="0" id="s1">
        <ul><li data-nav-item tabindex="-1" id="p1"><button data-testid="poll-button" id="b1">Poll</button></li>
            <li data-nav-item tabindex="-1" id="p2"><span>no action</span></li></ul>
      </article>
      <article data-nav-item tabindex="0" id="s2"><input id="typing"></article>
    </nav>`;
  const nav = document.getElementById('list')!;
  nav.addEventListener('keydown', moveThroughList);
  return nav;
}

function press(key: string, on = document.activeElement as HTMLElement) {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  on.dispatchEvent(event);
  return event;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('arrow keys in the sessions list', () => {
  it('moves down and up through sessions and the payments inside them, and stops at the ends', () => {
    list();
    document.getElementById('s1')!.focus();
    const path = [];
    for (let i = 0; i < 4; i++) {
      press('ArrowDown');
      path.push(document.activeElement?.id);
    }
    expect(path).toEqual(['p1', 'p2', 's2', 's2']);
    press('ArrowUp');
    press('ArrowUp');
    expect(document.activeElement?.id).toBe('p1');
    press('Home');
    expect(document.activeElement?.id).toBe('s1');
    press('End');
    expect(document.activeElement?.id).toBe('s2');
  });

  it('activates a payment’s action with Enter, and leaves a row without one alone', () => {
    list();
    let clicked = 0;
    document.getElementById('b1')!.addEventListener('click', () => clicked++);
    document.getElementById('p1')!.focus();
    expect(press('Enter').defaultPrevented).toBe(true);
    expect(clicked).toBe(1);
    document.getElementById('p2')!.focus();
    expect(press('Enter').defaultPrevented).toBe(false);
  });

  it('leaves the keys to a field being typed in', () => {
    list();
    const field = document.getElementById('typing')!;
    field.focus();
    expect(press('ArrowUp', field).defaultPrevented).toBe(false);
    expect(document.activeElement).toBe(field);
  });
});
