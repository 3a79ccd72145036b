// `relance import <kind> <file>` and `relance export <kind>`: the command-line side of CSV
// import and export. The terminal user acts as a member of a workspace (the console's by
// default) and gets that member's rights: admins import, managers and admins export. Every
// run, refusals included, leaves one audit row. Exit codes: 0 done, 1 refused or errors (the
// errors, with their line numbers, on stderr).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import { t, translate } from '../core/i18n/i18n.ts';
import type { Actor, Lang, Platform } from '../core/types.ts';
import type { Database } from '../db/client.ts';
import { members, workspaces } from '../db/schema.ts';
import { recordAudit } from '../services/audit.service.ts';
import { ensureMember, ensureWorkspace, type WorkspaceDefaults } from '../services/workspace.service.ts';
import { type CsvKind } from './csv-columns.schema.ts';
import { canExport, exportCsv } from './csv-export.service.ts';
import { canImport, importCsv } from './csv-import.service.ts';
import { renderIssue } from './csv-issues.ts';

export interface CsvCliOptions {
  kind: CsvKind;
  /** The workspace's external id (`console`, `T0123`), or `platform:id` when several platforms share it. */
  workspace: string;
  /** The terminal member. */
  actor: Actor;
  /** `--lang`: messages (import) or messages and file (export); else the member's or workspace's. */
  lang: Lang | undefined;
  now: Date;
  /** For the console workspace when it does not exist yet. */
  defaults: WorkspaceDefaults;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

/** Errors printed before giving up: a file with a wrong column everywhere has one per line. */
const MAX_PRINTED_ISSUES = 200;
const PLATFORMS: Platform[] = ['console', 'slack', 'discord'];

type Scope = { workspace: WorkspaceRow; member: MemberRow } | { error: string };

/**
 * The workspace and member the terminal user acts as. The console workspace and its members
 * are created on first use, as the console does (its first member is admin); in a Slack or
 * Discord workspace the user must already be a member.
 */
async function cliScope(db: Database, options: CsvCliOptions, lang: Lang): Promise<Scope> {
  const [prefix, ...rest] = options.workspace.split(':');
  const platform = rest.length > 0 && PLATFORMS.includes(prefix as Platform) ? (prefix as Platform) : undefined;
  const externalId = platform ? rest.join(':') : options.workspace;
  const found = await db
    .select()
    .from(workspaces)
    .where(platform ? and(eq(workspaces.externalId, externalId), eq(workspaces.platform, platform)) : eq(workspaces.externalId, externalId));
  if (found.length > 1) return { error: t(lang, 'csv.workspace_ambiguous', { workspace: externalId }) };
  const workspace = found[0];
  if (!workspace || workspace.platform === 'console') {
    if (!workspace && !(externalId === 'console' && (platform ?? 'console') === 'console')) return { error: t(lang, 'csv.workspace_unknown', { workspace: options.workspace }) };
    return db.transaction(async (tx) => {
      const ws = await ensureWorkspace(tx, { platform: 'console', workspaceId: externalId, channelId: 'terminal', userId: options.actor.id, isDM: true }, options.now, options.defaults);
      return { workspace: ws, member: await ensureMember(tx, ws, options.actor, options.now) };
    });
  }
  const [member] = await db.select().from(members).where(and(eq(members.workspaceId, workspace.id), eq(members.platformUserId, options.actor.id)));
  if (!member) return { error: t(lang, 'csv.not_member', { user: options.actor.id, workspace: options.workspace }) };
  return { workspace, member };
}

const auditActor = (member: MemberRow): string => `cli:${member.platformUserId}`;
const messageLang = (options: CsvCliOptions, scope?: { workspace: WorkspaceRow; member: MemberRow }): Lang =>
  options.lang ?? (scope?.member.language ?? (scope?.workspace.defaultLanguage === 'en' ? 'en' : 'fr'));

export async function runImport(db: Database, options: CsvCliOptions & { file: string; dryRun: boolean }): Promise<number> {
  const scope = await cliScope(db, options, options.lang ?? 'fr');
  if ('error' in scope) {
    options.stderr.write(`relance: ${scope.error}\n`);
    return 1;
  }
  const lang = messageLang(options, scope);
  const fileName = path.basename(options.file);
  // The file is read only for someone allowed to import: a rep hears about rights first.
  let bytes = new Uint8Array();
  if (canImport(scope.member)) {
    try {
      bytes = await readFile(options.file);
    } catch {
      await recordAudit(db, { workspaceId: scope.workspace.id, memberId: scope.member.id, actor: auditActor(scope.member), action: 'import', targetType: options.kind, targetId: options.kind, outcome: 'failed', details: { file: fileName, dryRun: options.dryRun, error: 'file_unreadable' }, at: options.now });
      options.stderr.write(`relance: ${t(lang, 'csv.file_unreadable', { file: options.file })}\n`);
      return 1;
    }
  }
  const report = await importCsv(db, { kind: options.kind, bytes, fileName, dryRun: options.dryRun, workspace: scope.workspace, member: scope.member, now: options.now, lang, auditActor: auditActor(scope.member) });
  if (report.outcome === 'refused') {
    options.stderr.write(`relance: ${t(lang, 'csv.import_forbidden', { role: translate(lang, `roles.${scope.member.role}`) })}\n`);
    return 1;
  }
  if (report.outcome === 'failed') {
    for (const issue of report.issues.slice(0, MAX_PRINTED_ISSUES)) options.stderr.write(`${fileName}: ${renderIssue(issue, lang)}\n`);
    if (report.issues.length > MAX_PRINTED_ISSUES) options.stderr.write(`${t(lang, 'csv.more_issues', { count: report.issues.length - MAX_PRINTED_ISSUES })}\n`);
    options.stderr.write(`${t(lang, 'csv.failed', { file: fileName, count: report.issues.length })}\n`);
    return 1;
  }
  const counts = { file: fileName, created: report.created, updated: report.updated, unchanged: report.unchanged, lines: report.lines };
  const out = [t(lang, report.dryRun ? 'csv.dry_run' : 'csv.imported', counts)];
  if (report.companiesCreated + report.contactsCreated > 0) out.push(t(lang, 'csv.references_created', { companies: report.companiesCreated, contacts: report.contactsCreated }));
  if (report.skippedErased.length > 0) out.push(t(lang, 'csv.erased_skipped', { count: report.skippedErased.length, lineNumbers: new Intl.ListFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { type: 'conjunction' }).format(report.skippedErased.map(String)) }));
  options.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

export async function runExport(db: Database, options: CsvCliOptions & { out: string | undefined }): Promise<number> {
  const scope = await cliScope(db, options, options.lang ?? 'fr');
  if ('error' in scope) {
    options.stderr.write(`relance: ${scope.error}\n`);
    return 1;
  }
  // The file's language: --lang, else the workspace's (French workspaces get French headers).
  const lang = options.lang ?? (scope.workspace.defaultLanguage === 'en' ? 'en' : 'fr');
  const audit = (outcome: 'ok' | 'refused' | 'failed', details: Record<string, unknown>) =>
    recordAudit(db, { workspaceId: scope.workspace.id, memberId: scope.member.id, actor: auditActor(scope.member), action: 'export', targetType: options.kind, targetId: options.kind, outcome, details: { lang, ...(options.out ? { file: path.basename(options.out) } : {}), ...details }, at: options.now });
  if (!canExport(scope.member)) {
    await audit('refused', { error: 'forbidden' });
    options.stderr.write(`relance: ${t(lang, 'csv.export_forbidden', { role: translate(lang, `roles.${scope.member.role}`) })}\n`);
    return 1;
  }
  // One transaction: every table read at the same instant.
  const result = await db.transaction((tx) => exportCsv(tx, { kind: options.kind, lang, workspace: scope.workspace, member: scope.member, now: options.now }));
  if (options.out) {
    try {
      await writeFile(options.out, result.bytes);
    } catch {
      await audit('failed', { rows: result.rows, error: 'file_unwritable' });
      options.stderr.write(`relance: ${t(lang, 'csv.file_unwritable', { file: options.out })}\n`);
      return 1;
    }
    await audit('ok', { rows: result.rows });
    options.stdout.write(`${t(lang, 'csv.exported', { rows: result.rows, file: options.out })}\n`);
    return 0;
  }
  await audit('ok', { rows: result.rows });
  await new Promise<void>((resolve, reject) => options.stdout.write(result.bytes, (error) => (error ? reject(error) : resolve())));
  return 0;
}
