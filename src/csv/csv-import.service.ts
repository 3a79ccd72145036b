// `relance import`: one CSV file of one kind into a workspace, all or nothing. Every line is
// checked first and every problem collected with its line number; only a clean file is
// written, in one transaction. A dry run does the same work and rolls it back, so its counts
// are exactly what the real import would do. Each run — refused, failed, dry or real — leaves
// one audit row (counts and the file's name, never a cell's content).
import path from 'node:path';
import type { MemberRow, WorkspaceRow } from '../core/context.ts';
import type { Lang } from '../core/types.ts';
import type { Database } from '../db/client.ts';
import { recordAudit } from '../services/audit.service.ts';
import { csvColumns, type CsvKind } from './csv-columns.schema.ts';
import { readCsvFile, type CsvSeparator } from './csv-file.parser.ts';
import { knownHeaders, readHeader, recordValues } from './csv-header.parser.ts';
import { sortIssues, type CsvIssue } from './csv-issues.ts';
import { rowSchemas, type CellsByKind, type RowEnv } from './csv-rows.schema.ts';
import type { ImportCounts, KindPlan, ParsedLine, PlanContext } from './import-plan.ts';
import { planActivities } from './activities-import.service.ts';
import { planCompanies } from './companies-import.service.ts';
import { planContacts } from './contacts-import.service.ts';
import { planDeals } from './deals-import.service.ts';

export interface ImportInput {
  kind: CsvKind;
  bytes: Uint8Array;
  /** Shown in messages and kept in the audit log (its base name only). */
  fileName: string;
  dryRun: boolean;
  workspace: WorkspaceRow;
  member: MemberRow;
  now: Date;
  /** Language of the messages (and of the choices they list). */
  lang: Lang;
  /** The audit log's `actor` (`cli:alice`); no audit row when absent (tests of the parser alone). */
  auditActor?: string;
}

export interface ImportReport extends ImportCounts {
  kind: CsvKind;
  fileName: string;
  dryRun: boolean;
  outcome: 'ok' | 'failed' | 'refused';
  separator: CsvSeparator | undefined;
  /** Data lines read (the header excluded). */
  lines: number;
  /** Lines left out because they are about an erased person. */
  skippedErased: number[];
  /** Every problem, in file order; nothing was written when there is any. */
  issues: CsvIssue[];
}

/** Only admins import: an import can rewrite any record of the workspace. */
export const canImport = (member: MemberRow): boolean => member.role === 'admin';

const planners: { [K in CsvKind]: (ctx: PlanContext, lines: Array<ParsedLine<CellsByKind[K]>>) => Promise<KindPlan> } = {
  companies: planCompanies,
  contacts: planContacts,
  deals: planDeals,
  activities: planActivities,
};

/** Thrown inside the transaction to roll it back (problems found, or a dry run). */
class Rollback {
  constructor(readonly report: ImportReport) {}
}

export async function importCsv(db: Database, input: ImportInput): Promise<ImportReport> {
  const report: ImportReport = {
    kind: input.kind,
    fileName: input.fileName,
    dryRun: input.dryRun,
    outcome: 'ok',
    separator: undefined,
    lines: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    companiesCreated: 0,
    contactsCreated: 0,
    skippedErased: [],
    issues: [],
  };
  const audit = async (executor: Parameters<typeof recordAudit>[0], done: ImportReport): Promise<void> => {
    if (!input.auditActor) return;
    await recordAudit(executor, {
      workspaceId: input.workspace.id,
      memberId: input.member.id,
      actor: input.auditActor,
      action: 'import',
      targetType: input.kind,
      targetId: input.kind,
      outcome: done.outcome,
      details: {
        file: path.basename(input.fileName),
        dryRun: done.dryRun,
        lines: done.lines,
        created: done.created,
        updated: done.updated,
        unchanged: done.unchanged,
        skippedErased: done.skippedErased.length,
        companiesCreated: done.companiesCreated,
        contactsCreated: done.contactsCreated,
        errors: done.issues.length,
        ...(done.outcome === 'refused' ? { error: 'forbidden' } : {}),
      },
      at: input.now,
    });
  };

  if (!canImport(input.member)) {
    const refused = { ...report, outcome: 'refused' as const };
    await audit(db, refused);
    return refused;
  }
  const failed = async (issues: CsvIssue[]): Promise<ImportReport> => {
    const done = { ...report, outcome: 'failed' as const, created: 0, updated: 0, unchanged: 0, companiesCreated: 0, contactsCreated: 0, issues: sortIssues(issues) };
    await audit(db, done);
    return done;
  };

  // 1. The file itself: encoding, separator, quotes, header.
  const read = readCsvFile(input.bytes, knownHeaders(input.kind));
  if (!read.file) return failed(read.issues);
  report.separator = read.file.separator;
  report.lines = read.file.records.length + read.issues.length;
  const header = readHeader(input.kind, read.file.header, input.lang);
  // A missing or unknown column would make every line wrong: the header's problems come alone.
  if (header.issues.length > 0) return failed(header.issues);

  const issues: CsvIssue[] = [...read.issues];
  const label = (key: string): string => header.map.labels.get(key) ?? csvColumns[input.kind].find((c) => c.key === key)?.[input.lang] ?? key;
  const issue = (line: number, code: string, params: Record<string, string | number> = {}, column?: string): void => {
    issues.push({ line, code, params: column ? { ...params, column: label(column) } : params });
  };

  // 2. Every line through its schema, and external ids unique within the file.
  const env: RowEnv = { convention: read.file.separator === ';' ? 'fr' : 'en', currency: input.workspace.currency, timeZone: input.workspace.timeZone, lang: input.lang };
  const schema = rowSchemas[input.kind](env);
  const lines: Array<ParsedLine<unknown>> = [];
  const firstLineOfId = new Map<string, number>();
  for (const record of read.file.records) {
    const parsed = schema.safeParse(recordValues(header.map, record.cells));
    if (!parsed.success) {
      for (const problem of parsed.error.issues) {
        const params = 'params' in problem && problem.params ? (problem.params as Record<string, string | number>) : {};
        issue(record.line, problem.message.startsWith('csv_') ? problem.message : 'csv_cell_invalid', params, String(problem.path[0] ?? ''));
      }
      continue;
    }
    const externalId = (parsed.data as { external_id: string }).external_id;
    const first = firstLineOfId.get(externalId);
    if (first !== undefined) {
      issue(record.line, 'csv_duplicate_id', { id: externalId, first }, 'external_id');
      continue;
    }
    firstLineOfId.set(externalId, record.line);
    lines.push({ line: record.line, cells: parsed.data });
  }

  // 3. References and writes, in one transaction: rolled back on any problem or for a dry run.
  try {
    return await db.transaction(async (tx) => {
      const ctx: PlanContext = { tx, workspace: input.workspace, member: input.member, now: input.now, env, issue };
      const plan = await (planners[input.kind] as (ctx: PlanContext, lines: Array<ParsedLine<unknown>>) => Promise<KindPlan>)(ctx, lines);
      report.skippedErased = plan.skippedErased;
      if (issues.length > 0) throw new Rollback({ ...report, outcome: 'failed', issues: sortIssues(issues) });
      Object.assign(report, await plan.write());
      if (input.dryRun) throw new Rollback(report);
      await audit(tx, report);
      return report;
    });
  } catch (error) {
    if (!(error instanceof Rollback)) {
      // A bug or a lost database: still one audit row, then the error goes up to be logged.
      await audit(db, { ...report, outcome: 'failed', issues: [{ line: 0, code: 'internal', params: {} }] }).catch(() => {});
      throw error;
    }
    if (error.report.outcome === 'failed') return failed(error.report.issues);
    await audit(db, error.report);
    return error.report;
  }
}
