import { createHash } from 'node:crypto';
import type { Control, PaymentView, SessionView } from './control.ts';
import { FAULT_KINDS, type Fault } from './faults.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Everything the page shows passes through here: ids and fault values can come from anyone. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const short = (id: string | null) => (id === null ? 'none yet' : `${id.slice(0, 8)}…`);

function postForm(action: string, returnPath: string, label: string, fields: Record<string, string> = {}, extra = ''): string {
  const hidden = Object.entries({ ...fields, return: returnPath })
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${hidden}${extra}<button type="submit">${escapeHtml(label)}</button></form>`;
}

function faultForm(target: Record<string, string>, returnPath: string): string {
  const options = FAULT_KINDS.map((kind) => `<option value="${kind}">${kind}</option>`).join('');
  const extra =
    `<select name="kind" aria-label="fault kind">${options}</select>` +
    '<input name="times" type="number" min="1" placeholder="times (blank: until cleared)" aria-label="times">';
  return postForm('/control/faults', returnPath, 'Inject fault', target, extra);
}

function describeFault(fault: Fault): string {
  const target = fault.paymentId === undefined ? `session ${short(fault.clientSessionId ?? null)}` : `payment ${fault.paymentId}`;
  const left = fault.remaining === null ? 'until cleared' : `${fault.remaining} left`;
  const value = fault.value === undefined ? '' : ` (${fault.value})`;
  return `${fault.kind}${value} on ${target}, ${fault.api} API, ${left}`;
}

function paymentCard(payment: PaymentView, faults: Fault[], returnPath: string): string {
  const steps = payment.possibleSteps
    .map((step) => postForm(`/control/payments/${payment.id}/${step}`, returnPath, step))
    .join('');
  const own = faults.filter((fault) => fault.paymentId === payment.id);
  return `<article class="payment" data-payment-id="${escapeHtml(payment.id)}" data-third-party-status="${escapeHtml(payment.thirdPartyStatus)}">
<h3>${escapeHtml(payment.productName)} <small>${escapeHtml(payment.id)}</small></h3>
<p>Third-party status: <strong>${escapeHtml(payment.thirdPartyStatus)}</strong>${payment.abandoned ? ' (abandoned)' : ''},
payment status: ${escapeHtml(payment.status)}, session: ${escapeHtml(short(payment.clientSessionId))}</p>
<div class="steps">${steps || '<em>no step left</em>'}</div>
<div class="faults">${faultForm({ paymentId: payment.id }, returnPath)}
${own.length > 0 ? postForm('/control/faults/clear', returnPath, 'Clear its faults', { paymentId: payment.id }) : ''}</div>
</article>`;
}

function sessionRow(session: SessionView, returnPath: string): string {
  return `<li data-client-session-id="${escapeHtml(session.clientSessionId)}">${escapeHtml(short(session.clientSessionId))}
${session.expired ? '<strong>expired</strong>' : `expires ${escapeHtml(session.expiresAt)}`}
${session.expired ? '' : postForm(`/control/sessions/${session.clientSessionId}/expire`, returnPath, 'Expire now')}
${faultForm({ clientSessionId: session.clientSessionId }, returnPath)}</li>`;
}

/** The changing part of the page, also served alone so the page can refresh it in place. */
export function renderLive(control: Control, focusPaymentId: string | undefined, returnPath: string): string {
  const faults = control.listFaults();
  const payments = control
    .listPayments()
    .filter((payment) => focusPaymentId === undefined || payment.id === focusPaymentId);
  const cards = payments.map((payment) => paymentCard(payment, faults, returnPath)).join('\n');
  const faultItems = faults
    .map((fault) => `<li>${escapeHtml(describeFault(fault))} ${postForm('/control/faults/clear', returnPath, 'Remove', { id: fault.id })}</li>`)
    .join('');
  const sessions = control.listSessions().map((session) => sessionRow(session, returnPath)).join('');
  const empty = focusPaymentId === undefined ? 'No payment yet.' : `No payment ${escapeHtml(focusPaymentId)}.`;
  return `<section><h2>Payments</h2>${cards || `<p>${empty}</p>`}</section>
<section><h2>Active faults</h2>${faultItems ? `<ul>${faultItems}</ul>${postForm('/control/faults/clear', returnPath, 'Clear all faults')}` : '<p>None.</p>'}</section>
${focusPaymentId === undefined ? `<section><h2>Client sessions</h2>${sessions ? `<ul>${sessions}</ul>` : '<p>None yet.</p>'}</section>` : ''}`;
}

const REFRESH_SCRIPT = `
// Refresh the list in place unless the demoer is busy with a field.
setInterval(async () => {
  if (document.activeElement && document.activeElement.closest('form')) return;
  const url = new URL(location.href);
  url.searchParams.set('fragment', '1');
  const response = await fetch(url);
  if (response.ok) document.getElementById('live').innerHTML = await response.text();
}, 2000);
`;

/** Only this page's own script runs, and forms post only back to the simulator. */
export const CONTROL_PAGE_CSP = [
  "default-src 'none'",
  `script-src 'sha256-${createHash('sha256').update(REFRESH_SCRIPT).digest('base64')}'`,
  "style-src 'unsafe-inline'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
].join('; ');

/** The demoer's "phone": plain HTML forms, refreshed in place every two seconds while idle. */
export function renderControlPage(control: Control, url: URL): string {
  const focus = url.searchParams.get('payment') ?? undefined;
  const returnPath = `${url.pathname}${url.search}`;
  const info = control.info();
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Connect simulator: customer phone</title>
<style>
body{font:15px/1.4 system-ui,sans-serif;margin:1rem;max-width:46rem}
.payment{border:1px solid #bbb;border-radius:8px;padding:.5rem 1rem;margin:.5rem 0}
form{display:inline-block;margin:.2rem .3rem .2rem 0}
button{font:inherit;padding:.3rem .8rem}
</style></head>
<body>
<h1>Customer phone</h1>
<p>Connect simulator ${escapeHtml(info.version)}, flow <strong>${escapeHtml(info.flow)}</strong>.
${focus === undefined ? '' : '<a href="/control/">All payments</a>'}</p>
<div id="live">${renderLive(control, focus, returnPath)}</div>
<script>${REFRESH_SCRIPT}</script>
</body></html>`;
}
