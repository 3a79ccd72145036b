// The Relance workspace a Slack request belongs to, from Bolt's context (the authorisation, so
// a Slack Connect channel's event counts for the workspace that installed Relance).

export interface SlackContext {
  teamId?: string;
  enterpriseId?: string;
  isEnterpriseInstall?: boolean;
  /** The bot's own user id (from auth.test or the installation). */
  botUserId?: string;
}

/** The Relance workspace of a request: the enterprise for org-wide installs, else the team. */
export const tenantOf = (context: SlackContext, fallbackTeam?: string): string =>
  (context.isEnterpriseInstall ? context.enterpriseId : context.teamId) ?? fallbackTeam ?? 'unknown';
