// The two small web pages a person sees after installing Relance from Slack's consent screen:
// installed, or why not. In the browser's language when it asks for French or English
// (Accept-Language), French otherwise. Short, no stack traces; a failure carries the request
// id so an operator can find its log line.
//
// These texts live here rather than in src/core/i18n/ because no chat member reads them (the
// person is in a browser, outside any workspace); the same key check and typography lint run
// on them (test/adapters/slack-oauth.test.ts).
import type { ServerResponse } from 'node:http';
import type { Lang } from '../../src/core/types.ts';

/** Why an installation did not finish, as the person can act on it. */
export type InstallFailure = 'state' | 'cancelled' | 'refused' | 'failed';

const fr = {
  installedTitle: 'Relance est installé',
  installedBody: 'Relance est maintenant dans {team}. Dans Slack, tapez /aide pour commencer.',
  failedTitle: 'L’installation n’a pas abouti',
  state: 'Ce lien d’installation a expiré ou a déjà servi, ou il a été ouvert dans un autre navigateur. Recommencez depuis la page d’installation.',
  cancelled: 'L’installation a été annulée dans Slack. Rien n’a été installé.',
  refused: 'Slack n’a pas confirmé l’installation (code refusé ou expiré). Recommencez depuis la page d’installation.',
  failed: 'Une erreur nous a empêchés d’enregistrer l’installation. Réessayez dans quelques minutes.',
  again: 'Installer Relance dans Slack',
  reference: 'Référence\u00a0: {id}',
};

const en: typeof fr = {
  installedTitle: 'Relance is installed',
  installedBody: 'Relance is now in {team}. In Slack, type /help to get started.',
  failedTitle: 'The installation did not finish',
  state: 'This install link has expired, was already used, or was opened in another browser. Start again from the install page.',
  cancelled: 'The installation was cancelled in Slack. Nothing was installed.',
  refused: 'Slack did not confirm the installation (the code was refused or had expired). Start again from the install page.',
  failed: 'An error kept us from saving the installation. Try again in a few minutes.',
  again: 'Install Relance in Slack',
  reference: 'Reference: {id}',
};

/** The page texts, per language (exported for the key and typography checks). */
export const installPageTexts: Record<Lang, typeof fr> = { fr, en };

/** The browser's preferred language among French and English (Accept-Language with q-values); French by default. */
export function pageLanguage(acceptLanguage: string | string[] | undefined): Lang {
  const header = Array.isArray(acceptLanguage) ? acceptLanguage.join(',') : (acceptLanguage ?? '');
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',').slice(0, 20)) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const lang = tag?.split('-')[0];
    if (lang !== 'fr' && lang !== 'en') continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0) continue;
    if (!best || q > best.q) best = { lang, q };
  }
  return best?.lang ?? 'fr';
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

function page(lang: Lang, title: string, paragraphs: string[]): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1d3557}</style>',
    `</head><body><h1>${escapeHtml(title)}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</body></html>`,
  ].join('\n');
}

function send(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // The redirect URL held Slack's code: no Referer carries it anywhere.
    'referrer-policy': 'no-referrer',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
  });
  res.end(html);
}

export function sendInstalledPage(res: ServerResponse, lang: Lang, workspaceName: string): void {
  const t = installPageTexts[lang];
  send(res, 200, page(lang, t.installedTitle, [escapeHtml(t.installedBody.replace('{team}', workspaceName))]));
}

export function sendFailedPage(res: ServerResponse, lang: Lang, why: InstallFailure, options: { installPath: string; requestId?: string }): void {
  const t = installPageTexts[lang];
  const paragraphs = [escapeHtml(t[why])];
  if (why !== 'failed') paragraphs.push(`<a href="${escapeHtml(options.installPath)}">${escapeHtml(t.again)}</a>`);
  if (options.requestId) paragraphs.push(`<small>${escapeHtml(t.reference.replace('{id}', options.requestId))}</small>`);
  send(res, why === 'failed' ? 500 : 400, page(lang, t.failedTitle, paragraphs));
}
