import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * The timeline picture's colours, read from its stylesheet: each is the colour of a band and of the
 * text drawn next to it, so each must be 4.5:1 (WCAG AA for text) against the panel's background.
 */
const css = readFileSync(new URL('../../../src/panel/components/timeline-chart.css', import.meta.url), 'utf8');
/** The panel's backgrounds (panel.css `--bg`). */
const BACKGROUNDS = { light: '#ffffff', dark: '#202124' };
const STATUS_COLOURS = ['--status-waiting', '--status-initialized', '--status-authorized', '--status-completed', '--status-unknown'];

function block(selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no "${selector}" block in timeline-chart.css`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+)\s*:\s*(#[0-9a-f]{6})\s*;/gi)].map((match) => [match[1] as string, (match[2] as string).toLowerCase()]));
}

function luminance(hex: string): number {
  const channels = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('the timeline picture colours', () => {
  it('computes contrast as WCAG does', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrast('#ffffff', '#ffffff')).toBe(1);
  });

  it.each([
    ['light', ':root', BACKGROUNDS.light],
    ['dark', ":root[data-theme='dark']", BACKGROUNDS.dark],
  ])('%s theme: a colour for every status, each at least 4.5:1 against the background', (_theme, selector, background) => {
    const colours = block(selector);
    for (const name of STATUS_COLOURS) expect(colours.has(name), name).toBe(true);
    expect(colours.size).toBeGreaterThanOrEqual(8);
    for (const [name, value] of colours) expect(contrast(value, background), `${name} ${value} on ${background}`).toBeGreaterThanOrEqual(4.5);
  });
});
