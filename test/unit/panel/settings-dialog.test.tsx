// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { applySettingsChange, DEFAULT_SETTINGS, type Settings, type SettingsChange } from '../../../src/extension/messaging/envelope.ts';
import { SettingsDialog } from '../../../src/panel/components/SettingsDialog.tsx';
import { FakeHostAccess } from './fake-host-access.ts';

const A = 'https://ams1.sandbox.api-ingenico.com';
const B = 'http://127.0.0.1:4010';
const CHANGED: Settings = { preserveLog: true, approvedOrigins: [A, B], pollIntervalSeconds: 10 };

let root: HTMLElement;
afterEach(() => {
  render(null, root);
  root.remove();
});

/**
 * The dialog as the panel mounts it: a Settings button opens it, Close unmounts it. `answer` plays
 * the service worker, sending back the settings with each change applied; without it nothing comes back.
 */
function mount(initial: Settings = CHANGED, { answer = true } = {}) {
  const changes: SettingsChange[] = [];
  const hostAccess = new FakeHostAccess();
  for (const origin of initial.approvedOrigins) hostAccess.granted.add(origin);
  function Harness() {
    const [open, setOpen] = useState(false);
    const [settings, setSettings] = useState(initial);
    return (
      <div>
        <button type="button" data-testid="opener" onClick={() => setOpen(true)}>
          Settings
        </button>
        {open && (
          <SettingsDialog
            settings={settings}
            hostAccess={hostAccess}
            onChange={(change) => {
              changes.push(change);
              if (answer) setSettings((current) => applySettingsChange(current, change));
            }}
            onClose={() => setOpen(false)}
          />
        )}
      </div>
    );
  }
  root = document.createElement('div');
  document.body.append(root);
  act(() => render(<Harness />, root));
  return { changes, hostAccess };
}

const byTestId = <T extends HTMLElement = HTMLElement>(id: string) => root.querySelector<T>(`[data-testid="${id}"]`);
const dialog = () => byTestId<HTMLDialogElement>('settings-dialog');
const interval = () => byTestId<HTMLInputElement>('settings-interval')!;
const click = (element: HTMLElement | null) => act(() => element!.click());
/** Lets the browser's answers (promises) reach the components. */
const settle = () => act(async () => new Promise<void>((resolve) => setTimeout(resolve, 0)));

/** Opens the dialog as a person does: the Settings button has the focus, and is pressed. */
function open() {
  const opener = byTestId<HTMLButtonElement>('opener')!;
  opener.focus();
  click(opener);
  return opener;
}

function type(input: HTMLInputElement, text: string) {
  act(() => {
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** The accessible name as far as these controls need it: aria-label, a label for it, a label around it, or its text. */
function nameOf(control: HTMLElement): string {
  const label = control.getAttribute('aria-label') ?? (control.id ? root.querySelector(`label[for="${control.id}"]`)?.textContent : undefined) ?? control.closest('label')?.textContent ?? control.textContent;
  return (label ?? '').trim();
}

describe('the settings dialog', () => {
  it('opens as a modal <dialog> labelled Settings, with the focus on its first setting', () => {
    mount();
    open();
    const node = dialog()!;
    expect(node.tagName).toBe('DIALOG');
    expect(node.open).toBe(true);
    expect(document.getElementById(node.getAttribute('aria-labelledby')!)?.textContent).toBe('Settings');
    expect(document.activeElement).toBe(interval());
  });

  it('closes on Escape, and gives the focus back to the button that opened it', () => {
    mount();
    const opener = open();
    const escape = new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true });
    act(() => void interval().dispatchEvent(escape));
    expect(dialog()).toBeNull();
    // Handled, so the browser's own cancel does not follow.
    expect(escape.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(opener);
  });

  it("closes on the browser's cancel (its own Escape) and on Close, focus back each time", () => {
    mount();
    const opener = open();
    const cancel = new Event('cancel', { cancelable: true });
    act(() => void dialog()!.dispatchEvent(cancel));
    expect(dialog()).toBeNull();
    expect(cancel.defaultPrevented).toBe(true);
    expect(document.activeElement).toBe(opener);

    open();
    click(byTestId('settings-close'));
    expect(dialog()).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('names every control, uses only native ones, and takes none out of the tab order', async () => {
    mount();
    open();
    await settle();
    click(byTestId('settings-reset'));
    const controls = [...dialog()!.querySelectorAll<HTMLElement>('input, button, select, textarea, [tabindex]')];
    // Close, the interval, Preserve log, two Revoke, Reset, and the question's two answers.
    expect(controls).toHaveLength(8);
    for (const control of controls) {
      expect(nameOf(control), control.outerHTML).not.toBe('');
      expect(['INPUT', 'BUTTON'], control.outerHTML).toContain(control.tagName);
      expect(control.tabIndex, control.outerHTML).toBe(0);
    }
    expect(controls.filter((c) => c.getAttribute('data-testid') === 'revoke-origin').map(nameOf)).toEqual([`Revoke ${A}`, `Revoke ${B}`]);
    expect(nameOf(interval())).toBe('Default poll interval');
    expect(interval().getAttribute('aria-describedby')).toBe('settings-interval-help');
  });
});

describe('the default poll interval', () => {
  it('shows the stored value and sends a new one as one change', () => {
    const { changes } = mount();
    open();
    expect(interval().value).toBe('10');
    expect(interval().min).toBe('1');
    expect(interval().max).toBe('60');
    type(interval(), '5');
    expect(changes).toEqual([{ key: 'pollIntervalSeconds', value: 5 }]);
    expect(interval().value).toBe('5');
    expect(byTestId('settings-interval-note')!.textContent).toBe('');
  });

  it('keeps showing what was sent until the worker answers', () => {
    const { changes } = mount(CHANGED, { answer: false });
    open();
    type(interval(), '25');
    expect(changes).toEqual([{ key: 'pollIntervalSeconds', value: 25 }]);
    expect(interval().value).toBe('25');
  });

  it('sends nothing for a value it cannot read, keeps the stored one and says so', () => {
    const { changes } = mount();
    open();
    type(interval(), '');
    expect(changes).toEqual([]);
    expect(interval().value).toBe('10');
    expect(byTestId('settings-interval-note')!.textContent).toBe('Enter whole seconds from 1 to 60; the default stays 10 s.');
    expect(interval().getAttribute('aria-describedby')).toBe('settings-interval-help settings-interval-note');
  });

  it('takes the bound for a value out of bounds, and says so', () => {
    const { changes } = mount();
    open();
    type(interval(), '0');
    type(interval(), '600');
    expect(changes).toEqual([
      { key: 'pollIntervalSeconds', value: 1 },
      { key: 'pollIntervalSeconds', value: 60 },
    ]);
    expect(interval().value).toBe('60');
    expect(byTestId('settings-interval-note')!.textContent).toBe('60 s is the longest default.');
  });
});

describe('Preserve log and the approved origins', () => {
  it('sends Preserve log as one change', () => {
    const { changes } = mount();
    open();
    const box = byTestId<HTMLInputElement>('settings-preserve-log')!;
    expect(box.checked).toBe(true);
    click(box);
    expect(changes).toEqual([{ key: 'preserveLog', value: false }]);
    expect(byTestId<HTMLInputElement>('settings-preserve-log')!.checked).toBe(false);
  });

  it('lists each approved origin, revocable on its own: the approval goes, and the host access with it', async () => {
    const { changes, hostAccess } = mount();
    open();
    await settle();
    const listed = [...root.querySelectorAll<HTMLElement>('[data-testid="approved-origin"]')];
    expect(listed.map((li) => [li.dataset['origin'], li.dataset['access']])).toEqual([
      [A, 'granted'],
      [B, 'granted'],
    ]);
    click(listed[1]!.querySelector<HTMLElement>('[data-testid="revoke-origin"]'));
    await settle();
    expect(changes).toEqual([{ key: 'revokeOrigin', origin: B }]);
    expect(hostAccess.removed).toEqual([B]);
    expect([...root.querySelectorAll<HTMLElement>('[data-testid="approved-origin"]')].map((li) => li.dataset['origin'])).toEqual([A]);
  });

  it('says there is none when no origin is approved', () => {
    mount(DEFAULT_SETTINGS);
    open();
    expect(root.querySelector('[data-testid="approved-origin"]')).toBeNull();
    expect(dialog()!.textContent).toContain('None: the panel asks before its first status request');
  });
});

describe('Reset', () => {
  it('asks first, with the focus on Cancel; Cancel sends nothing and gives the focus back to Reset', () => {
    const { changes, hostAccess } = mount();
    open();
    const reset = byTestId<HTMLButtonElement>('settings-reset')!;
    click(reset);
    expect(changes).toEqual([]);
    expect(reset.getAttribute('aria-expanded')).toBe('true');
    const question = byTestId('settings-reset-confirm')!;
    expect(question.textContent).toContain('2 approved origins are revoked');
    expect(document.activeElement).toBe(byTestId('settings-reset-no'));
    click(byTestId('settings-reset-no'));
    expect(byTestId('settings-reset-confirm')).toBeNull();
    expect(reset.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(reset);
    expect(changes).toEqual([]);
    expect(hostAccess.removed).toEqual([]);
  });

  it('once confirmed, sends one reset and gives back the host access of every approved origin', async () => {
    const { changes, hostAccess } = mount();
    open();
    click(byTestId('settings-reset'));
    click(byTestId('settings-reset-yes'));
    await settle();
    expect(changes).toEqual([{ key: 'reset' }]);
    expect(hostAccess.removed).toEqual([A, B]);
    expect(hostAccess.granted.size).toBe(0);
    // The worker's answer: every setting shows its default.
    expect(interval().value).toBe('1');
    expect(byTestId<HTMLInputElement>('settings-preserve-log')!.checked).toBe(false);
    expect(root.querySelector('[data-testid="approved-origin"]')).toBeNull();
    expect(byTestId('settings-status')!.textContent).toBe('Settings reset to their defaults; 2 origins revoked.');
    expect(byTestId('settings-reset-confirm')).toBeNull();
    expect(document.activeElement).toBe(byTestId('settings-reset'));
  });
});
