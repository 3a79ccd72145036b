// Reply → Discord messages (content, embeds, components, files) within Discord's limits: 2,000
// characters of content, 10 embeds and 6,000 embed characters per message, 25 fields, 5 rows
// of components (5 buttons or one menu per row), 10 attachments. Longer replies become several
// messages. Charts and export files are attachments (Discord shows a PNG inline, its description
// being the alt text; other files as a download), on the last message, each named by a line of
// the text. One over the size cap is left out: its line then says it was too large.
import { hasMessage, translate } from '../../src/core/i18n/i18n.ts';
import type { Block, Lang, Reply } from '../../src/core/types.ts';
import { attachmentBuffer, attachmentBytes, attachmentTitle, joinName, nameParts, type AttachmentBlock } from '../shared/attachments.ts';
import { cut, escapeDiscord, splitAt } from './discord-escape.ts';

/** An attachment as discord.js takes it in `files` (`AttachmentPayload`). */
export interface DiscordFile {
  attachment: Buffer;
  name: string;
  /** Alt text of a chart; files have none. */
  description?: string;
}

export interface DiscordEmbed {
  title?: string;
  description?: string;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
}

export interface DiscordMessage {
  content?: string;
  embeds: DiscordEmbed[];
  components: Array<{ type: 1; components: Array<Record<string, unknown>> }>;
  /** Attachments (charts, files); absent when the message has none. */
  files?: DiscordFile[];
}

/** A chart or file left out for its size. */
export interface SkippedAttachment {
  type: AttachmentBlock['type'];
  fileName: string;
  bytes: number;
}

export interface RenderOptions {
  /** Largest attachment sent, in bytes (8 MiB: within every server's upload limit). */
  maxFileBytes?: number;
  /** Told about each chart or file left out for its size (to log it). */
  onSkippedAttachment?: (attachment: SkippedAttachment) => void;
}

/** Attachments per message (Discord's limit). */
const MAX_FILES = 10;
/** Bytes per attachment and per message: within the smallest server upload limit. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Catalogue key of the line replacing an attachment left out for its size (`{title}`, and
 * `{size}` and `{limit}` in megabytes). Not in the catalogue yet: until it is, a line without
 * words stands in (`⚠️ title: 9.5 MB > 8 MB`).
 */
export const FILE_TOO_LARGE_KEY = 'files.too_large';

/** The visible line saying an attachment was too large to attach. */
export function tooLargeLine(title: string, bytes: number, limit: number, lang: Lang): string {
  const worded = hasMessage(FILE_TOO_LARGE_KEY);
  // Megabytes to one decimal; the size rounded up, so it never reads as equal to the limit.
  const mb = (n: number, round: (x: number) => number) => (round((n / (1024 * 1024)) * 10) / 10).toLocaleString(worded ? lang : 'en');
  const name = escapeDiscord(title);
  const size = mb(bytes, Math.ceil);
  const max = mb(limit, Math.floor);
  return worded ? translate(lang, FILE_TOO_LARGE_KEY, { title: name, size, limit: max }) : `⚠️ ${name}: ${size} MB > ${max} MB`;
}

/**
 * A file name Discord keeps as is (it rewrites others): letters, digits, `_ - .`, ending in its
 * extension (`.png` for charts). `copy` > 1 numbers a second file of the same name (`kpi_2.png`).
 */
export const discordFileName = (block: AttachmentBlock, copy = 1): string => {
  const { base, extension, fallback } = nameParts(block);
  const clean = base.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[_.]+|_+$/g, '').slice(0, 80);
  return joinName(`${clean || fallback}${copy > 1 ? `_${copy}` : ''}`, extension);
};

/** custom_id of a button: the action and its value (Discord allows 100 characters). */
export const buttonId = (actionId: string, value: string): string => cut(`${actionId}|${value}`, 100);
export const parseButtonId = (customId: string): { actionId: string; value: string } => {
  const at = customId.indexOf('|');
  return at < 0 ? { actionId: customId, value: '' } : { actionId: customId.slice(0, at), value: customId.slice(at + 1) };
};

const embedSize = (embed: DiscordEmbed): number =>
  (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

export function renderDiscordMessages(reply: Reply, options: RenderOptions = {}): DiscordMessage[] {
  const content: string[] = [];
  const embeds: DiscordEmbed[] = [];
  const rows: DiscordMessage['components'] = [];
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const attachments: AttachmentBlock[] = [];
  /** The line naming an attachment in the text, and the attachment itself unless it is too large. */
  const attach = (block: AttachmentBlock, line: string): void => {
    const bytes = attachmentBytes(block).byteLength;
    if (bytes > maxFileBytes) {
      options.onSkippedAttachment?.({ type: block.type, fileName: block.fileName, bytes });
      content.push(tooLargeLine(attachmentTitle(block), bytes, maxFileBytes, reply.lang));
      return;
    }
    content.push(line);
    attachments.push(block);
  };
  const add = (block: Block): void => {
    switch (block.type) {
      case 'text':
        content.push(escapeDiscord(block.text));
        break;
      case 'link':
        // A masked link; the label is member text (escaped, brackets too), the URL checked by the core.
        content.push(`[${escapeDiscord(block.label).replace(/[[\]]/g, '')}](<${block.url.replace(/[<>)\s]/g, encodeURIComponent)}>)`);
        break;
      case 'section':
        embeds.push({ title: cut(escapeDiscord(block.title), 256), ...(block.text ? { description: cut(escapeDiscord(block.text), 4096) } : {}) });
        break;
      case 'fields': {
        // At most 25 fields per embed, and an embed must stay under the 6,000-character budget.
        const fields = block.fields.map((f) => ({ name: cut(escapeDiscord(f.label), 256), value: cut(escapeDiscord(f.value) || '—', 1024), inline: true }));
        let group: NonNullable<DiscordEmbed['fields']> = [];
        let size = 0;
        const flush = () => {
          if (group.length === 0) return;
          const last = embeds.at(-1);
          if (last && !last.fields && embedSize(last) + size <= 6000) last.fields = group;
          else embeds.push({ fields: group });
          group = [];
          size = 0;
        };
        for (const field of fields) {
          const length = field.name.length + field.value.length;
          if (group.length === 25 || size + length > 5500) flush();
          group.push(field);
          size += length;
        }
        flush();
        break;
      }
      case 'list': {
        const lines = block.items.map((item) => `• ${escapeDiscord(item)}`).join('\n');
        splitAt(lines || '—', 4096).forEach((description, i) =>
          embeds.push({ ...(block.title && i === 0 ? { title: cut(escapeDiscord(block.title), 256) } : {}), description }),
        );
        break;
      }
      case 'buttons':
        for (let i = 0; i < block.buttons.length; i += 5) {
          rows.push({
            type: 1,
            components: block.buttons.slice(i, i + 5).map((b) => ({
              type: 2,
              style: b.style === 'danger' ? 4 : b.style === 'primary' ? 1 : 2,
              label: cut(b.label, 80),
              custom_id: buttonId(b.actionId, b.value),
            })),
          });
        }
        break;
      case 'select':
        rows.push({
          type: 1,
          components: [
            {
              type: 3,
              custom_id: cut(block.actionId, 100),
              placeholder: cut(block.placeholder, 150),
              options: block.options.slice(0, 25).map((o) => ({ label: cut(o.label, 100), value: cut(o.value, 100) })),
            },
          ],
        });
        break;
      case 'image':
        // The title line stays in the text (search, notifications); the picture is an attachment.
        attach(block, escapeDiscord(attachmentTitle(block)));
        break;
      case 'file':
        // Discord shows a file as a download box with its name only: the line says what it is.
        attach(block, `📄 ${escapeDiscord(attachmentTitle(block))}`);
        break;
      case 'divider':
        break;
      case 'form':
        // Forms open as modals (discord-modal.renderer.ts).
        break;
    }
  };
  reply.blocks.forEach(add);

  const messages: DiscordMessage[] = splitAt(content.join('\n'), 2000)
    .filter((text, i) => text || i === 0)
    .map((text) => ({ ...(text ? { content: text } : {}), embeds: [], components: [] }));
  // Embeds go with the last content message, a new message each time 10 embeds or 6,000 characters are reached.
  let current = messages[messages.length - 1]!;
  for (const embed of embeds) {
    const size = current.embeds.reduce((n, e) => n + embedSize(e), 0);
    if (current.embeds.length >= 10 || size + embedSize(embed) > 6000) {
      current = { embeds: [], components: [] };
      messages.push(current);
    }
    current.embeds.push(embed);
  }
  // Components go on the last message, five rows at most per message.
  for (let i = 0; i < rows.length; i += 5) {
    if (i > 0) {
      current = { embeds: [], components: [], content: '…' };
      messages.push(current);
    }
    current.components.push(...rows.slice(i, i + 5));
  }
  // Attachments go on the last message too, ten and 8 MiB at most per message.
  const taken = new Set<string>();
  let bytes = 0;
  for (const block of attachments) {
    const size = attachmentBytes(block).byteLength;
    const files = current.files ?? [];
    if (files.length >= MAX_FILES || (files.length > 0 && bytes + size > maxFileBytes)) {
      current = { embeds: [], components: [] };
      messages.push(current);
      bytes = 0;
    }
    // Names are unique within a reply, so each description stays with its own picture.
    let name = discordFileName(block);
    for (let copy = 2; taken.has(name); copy++) name = discordFileName(block, copy);
    taken.add(name);
    current.files = [
      ...(current.files ?? []),
      { attachment: attachmentBuffer(block), name, ...(block.type === 'image' ? { description: cut(block.alt, 1024) } : {}) },
    ];
    bytes += size;
  }
  return messages.filter((m) => m.content || m.embeds.length > 0 || m.components.length > 0 || (m.files?.length ?? 0) > 0);
}
