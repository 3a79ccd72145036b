// Reply → Discord messages (content, embeds, components, files) within Discord's limits: 2,000
// characters of content, 10 embeds and 6,000 embed characters per message, 25 fields, 5 rows
// of components (5 buttons or one menu per row), 10 attachments. Longer replies become several
// messages. Charts are PNG attachments (Discord shows them inline; the description is their alt
// text), on the last message; a chart over the size cap is left out (its title line stays).
import type { Block, Reply } from '../../src/core/types.ts';
import { cut, escapeDiscord, splitAt } from './discord-escape.ts';

type ImageBlock = Extract<Block, { type: 'image' }>;

/** An attachment as discord.js takes it in `files` (`AttachmentPayload`). */
export interface DiscordFile {
  attachment: Buffer;
  name: string;
  description: string;
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
  /** Attachments (charts); absent when the message has none. */
  files?: DiscordFile[];
}

export interface RenderOptions {
  /** Largest attachment sent, in bytes (8 MiB: within every server's upload limit). */
  maxFileBytes?: number;
  /** Told about each chart left out for its size. */
  onSkippedImage?: (image: { fileName: string; bytes: number }) => void;
}

/** Attachments per message (Discord's limit). */
const MAX_FILES = 10;
/** Bytes per attachment and per message: within the smallest server upload limit. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/** A file name Discord keeps as is (it rewrites others): letters, digits, `_ - .`, ending in `.png`. */
export const discordFileName = (fileName: string): string => {
  const base = (fileName.split(/[\\/]/).pop() ?? '').replace(/\.png$/i, '').normalize('NFD').replace(/\p{M}+/gu, '').replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[_.]+|_+$/g, '').slice(0, 80);
  return `${base || 'chart'}.png`;
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
  const images: ImageBlock[] = [];
  const add = (block: Block): void => {
    switch (block.type) {
      case 'text':
        content.push(escapeDiscord(block.text));
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
        content.push(escapeDiscord(block.title ?? block.alt));
        images.push(block);
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
  const maxFileBytes = options.maxFileBytes ?? MAX_FILE_BYTES;
  const taken = new Set<string>();
  let bytes = 0;
  for (const image of images) {
    if (image.png.byteLength > maxFileBytes) {
      options.onSkippedImage?.({ fileName: image.fileName, bytes: image.png.byteLength });
      continue;
    }
    const files = current.files ?? [];
    if (files.length >= MAX_FILES || (files.length > 0 && bytes + image.png.byteLength > maxFileBytes)) {
      current = { embeds: [], components: [] };
      messages.push(current);
      bytes = 0;
    }
    // Names are unique within a reply, so each description stays with its own picture.
    let name = discordFileName(image.fileName);
    for (let n = 2; taken.has(name); n++) name = discordFileName(image.fileName).replace(/\.png$/, `_${n}.png`);
    taken.add(name);
    current.files = [
      ...(current.files ?? []),
      { attachment: Buffer.from(image.png.buffer, image.png.byteOffset, image.png.byteLength), name, description: cut(image.alt, 1024) },
    ];
    bytes += image.png.byteLength;
  }
  return messages.filter((m) => m.content || m.embeds.length > 0 || m.components.length > 0 || (m.files?.length ?? 0) > 0);
}
