// Renders a Reply as terminal text. Buttons and menu options are numbered so a member can
// answer by typing the number; the adapter keeps the numbering of the last reply. Charts and
// export files are written to disk (see attachment-files.ts): the text gives each one's title
// and path, and a chart's description.
import type { Block, ButtonSpec, Reply } from '../../src/core/types.ts';
import { attachmentTitle, type AttachmentBlock } from '../shared/attachments.ts';

export interface RenderedReply {
  text: string;
  /** Numbered actions, 1-based in display order. */
  actions: Array<Pick<ButtonSpec, 'actionId' | 'value'>>;
}

/** Renders a reply; charts and files are named without a path (nothing is written). */
export function renderText(reply: Reply): RenderedReply {
  return renderTextWithFiles(reply, new Map());
}

/** Renders a reply whose charts and files were saved: `paths` gives each one's file. */
export function renderTextWithFiles(reply: Reply, paths: ReadonlyMap<AttachmentBlock, string>): RenderedReply {
  const lines: string[] = [];
  const actions: RenderedReply['actions'] = [];
  // A colon after a title follows the reply's language (French: a no-break space before it).
  const withColon = (title: string): string => (reply.lang === 'fr' ? `${title}\u00a0:` : `${title}:`);
  const renderBlock = (block: Block): void => {
    switch (block.type) {
      case 'text':
        lines.push(block.text);
        break;
      case 'link':
        lines.push(`${block.label} — ${block.url}`);
        break;
      case 'section':
        lines.push(`── ${block.title} ──`);
        if (block.text) lines.push(block.text);
        break;
      case 'fields': {
        const width = Math.max(...block.fields.map((field) => field.label.length));
        for (const field of block.fields) lines.push(`  ${field.label.padEnd(width)}  ${field.value}`);
        break;
      }
      case 'list':
        if (block.title) lines.push(withColon(block.title));
        for (const item of block.items) lines.push(`  • ${item}`);
        break;
      case 'buttons':
        for (const button of block.buttons) {
          actions.push({ actionId: button.actionId, value: button.value });
          lines.push(`  [${actions.length}] ${button.label}`);
        }
        break;
      case 'select':
        lines.push(`  ${block.placeholder}`);
        for (const option of block.options) {
          actions.push({ actionId: block.actionId, value: option.value });
          lines.push(`  [${actions.length}] ${option.label}`);
        }
        break;
      case 'form':
        // The terminal has no modal: the same reply asks the questions one by one instead.
        break;
      case 'image': {
        const file = paths.get(block);
        const name = attachmentTitle(block);
        lines.push(file ? `🖼 ${withColon(name)} ${file}` : `🖼 ${name}`);
        // The description is what a screen reader would say about the picture.
        if (block.title && block.alt && block.alt !== block.title) lines.push(`   ${block.alt}`);
        break;
      }
      case 'file': {
        const file = paths.get(block);
        const name = attachmentTitle(block);
        lines.push(file ? `📄 ${withColon(name)} ${file}` : `📄 ${name}`);
        break;
      }
      case 'divider':
        lines.push('────────');
        break;
    }
  };
  for (const block of reply.blocks) renderBlock(block);
  return { text: lines.join('\n'), actions };
}
