// Reply → Block Kit messages. Every user-visible string is escaped; Slack's limits (50 blocks
// per message, 3,000 characters per section text, 10 fields, 25 buttons, 100 options, 75
// characters per button label) are met by splitting into more blocks or more messages.
import type { Block, Reply } from '../../src/core/types.ts';
import { attachmentTitle } from '../shared/attachments.ts';
import { escapeMrkdwn, splitText, truncate } from './slack-escape.ts';

/** One Slack message: blocks plus the plain-text fallback used in notifications. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

export type SlackBlock = Record<string, unknown> & { type: string };

const MAX_BLOCKS = 50;
const MAX_SECTION = 3000;
const MAX_FALLBACK = 3000;

const plain = (text: string, max: number) => ({ type: 'plain_text', text: truncate(text, max), emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });

/**
 * Slack needs action ids unique within a message, while the core reuses one id for all the
 * answers to a question: the index is appended here and stripped when the click comes back.
 */
export const encodeActionId = (actionId: string, index: number): string => `${actionId}::${index}`;
export const decodeActionId = (actionId: string): string => actionId.replace(/::\d+$/, '');

function renderBlock(block: Block, counter: { n: number }): SlackBlock[] {
  switch (block.type) {
    case 'text':
      return splitText(escapeMrkdwn(block.text), MAX_SECTION).map((chunk) => ({ type: 'section', text: mrkdwn(chunk) }));
    case 'section': {
      // A bold mrkdwn line rather than a header block: one escaping rule for all user text.
      const out: SlackBlock[] = [{ type: 'section', text: mrkdwn(`*${escapeMrkdwn(truncate(block.title, 300))}*`) }];
      if (block.text) out.push(...splitText(escapeMrkdwn(block.text), MAX_SECTION).map((chunk) => ({ type: 'section', text: mrkdwn(chunk) })));
      return out;
    }
    case 'fields': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.fields.length; i += 10) {
        out.push({
          type: 'section',
          fields: block.fields.slice(i, i + 10).map((field) => mrkdwn(truncate(`*${escapeMrkdwn(field.label)}*\n${escapeMrkdwn(field.value)}`, 2000))),
        });
      }
      return out;
    }
    case 'link':
      // The label is member text (escaped); the URL was checked by the core (http/https only).
      return [{ type: 'section', text: mrkdwn(`<${block.url.replace(/[<>|]/g, encodeURIComponent)}|${escapeMrkdwn(truncate(block.label, 300))}>`) }];
    case 'list': {
      const lines = block.items.map((item) => `• ${escapeMrkdwn(item)}`);
      const head = block.title ? `*${escapeMrkdwn(block.title)}*\n` : '';
      return splitText(head + lines.join('\n'), MAX_SECTION).map((chunk) => ({ type: 'section', text: mrkdwn(chunk) }));
    }
    case 'buttons': {
      const out: SlackBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += 25) {
        out.push({
          type: 'actions',
          elements: block.buttons.slice(i, i + 25).map((button) => ({
            type: 'button',
            text: plain(button.label, 75),
            action_id: encodeActionId(button.actionId, counter.n++),
            value: truncate(button.value, 2000),
            ...(button.style ? { style: button.style } : {}),
          })),
        });
      }
      return out;
    }
    case 'select':
      return [
        {
          type: 'actions',
          elements: [
            {
              type: 'static_select',
              action_id: encodeActionId(block.actionId, counter.n++),
              placeholder: plain(block.placeholder, 150),
              options: block.options.slice(0, 100).map((option) => ({ text: plain(option.label, 75), value: truncate(option.value, 150) })),
            },
          ],
        },
      ];
    case 'image':
      // The chart itself goes up as a file (slack-files.ts); this line names it for screen readers and search.
      return [{ type: 'context', elements: [mrkdwn(escapeMrkdwn(block.title ?? block.alt))] }];
    case 'file':
      // An export goes up as a file too (slack-files.ts), shown by Slack as a download, not a picture:
      // this line says what it is.
      return [{ type: 'context', elements: [mrkdwn(`📄 ${escapeMrkdwn(truncate(attachmentTitle(block), 300))}`)] }];
    case 'divider':
      return [{ type: 'divider' }];
    case 'form':
      // Forms open as modals (see modal.renderer.ts), never inside a message.
      return [];
  }
}

/** Plain-text summary of a reply for notifications and screen readers. */
export function fallbackText(reply: Reply): string {
  const parts = reply.blocks.flatMap((block) => {
    switch (block.type) {
      case 'text':
        return [block.text];
      case 'section':
        return [block.title, block.text ?? ''];
      case 'list':
        return [block.title ?? '', ...block.items];
      case 'fields':
        return block.fields.map((field) => `${field.label}: ${field.value}`);
      case 'image':
        return [block.title ?? block.alt];
      case 'file':
        return [attachmentTitle(block)];
      default:
        return [];
    }
  });
  return truncate(escapeMrkdwn(parts.filter(Boolean).join('\n')), MAX_FALLBACK) || ' ';
}

/**
 * A reply's blocks in Block Kit, in one list (forms left out: they open as modals). Messages
 * cut them into messages of 50; the App Home takes up to 100 (slack-home.ts).
 */
export function renderBlocks(reply: Reply): SlackBlock[] {
  const counter = { n: 0 };
  return reply.blocks.flatMap((block) => renderBlock(block, counter));
}

/** Renders a reply as one message, or several when it has more than 50 blocks. */
export function renderMessages(reply: Reply): SlackMessage[] {
  const blocks = renderBlocks(reply);
  const text = fallbackText(reply);
  if (blocks.length === 0) return [];
  const messages: SlackMessage[] = [];
  for (let i = 0; i < blocks.length; i += MAX_BLOCKS) messages.push({ text: i === 0 ? text : '…', blocks: blocks.slice(i, i + MAX_BLOCKS) });
  return messages;
}
