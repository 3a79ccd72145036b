import { describe, expect, it } from 'vitest';
import { decodeActionId, renderMessages } from '../../adapters/slack/block-kit.renderer.ts';
import { readSubmission, renderModal } from '../../adapters/slack/modal.renderer.ts';
import type { Reply } from '../../src/core/types.ts';

const texts = (blocks: Array<Record<string, any>>): string[] =>
  blocks.flatMap((b) => [b['text']?.text, ...(b['fields'] ?? []).map((f: { text: string }) => f.text)]).filter((t): t is string => typeof t === 'string');

describe('Block Kit rendering', () => {
  it('splits long content within Slack limits instead of failing', () => {
    const reply: Reply = {
      visibility: 'private', lang: 'en',
      blocks: [
        { type: 'text', text: 'x'.repeat(7000) },
        { type: 'list', title: 'Deals', items: Array.from({ length: 400 }, (_, i) => `#${i} ${'deal name '.repeat(8)}`) },
        { type: 'fields', fields: Array.from({ length: 23 }, (_, i) => ({ label: `F${i}`, value: 'v' })) },
        ...Array.from({ length: 60 }, () => ({ type: 'divider' as const })),
      ],
    };
    const messages = renderMessages(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const message of messages) {
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      for (const text of texts(message.blocks)) expect(text.length).toBeLessThanOrEqual(3000);
      for (const block of message.blocks) if (block['fields']) expect((block['fields'] as unknown[]).length).toBeLessThanOrEqual(10);
    }
    const all = messages.flatMap((m) => texts(m.blocks)).join('\n');
    expect(all).toContain('#399 deal name');
  });

  it('gives every button of a message its own action id and maps it back', () => {
    const [message] = renderMessages({
      visibility: 'private', lang: 'en',
      blocks: [{ type: 'buttons', buttons: [{ label: 'A', actionId: 'answer:k', value: '1' }, { label: 'B', actionId: 'answer:k', value: '2' }] }],
    });
    const ids = (message!.blocks[0]!['elements'] as Array<{ action_id: string }>).map((e) => e.action_id);
    expect(new Set(ids).size).toBe(2);
    expect(ids.map(decodeActionId)).toEqual(['answer:k', 'answer:k']);
  });

  it('names a chart in a context line and in the fallback text; the picture itself is uploaded', () => {
    const [message] = renderMessages({ visibility: 'channel', lang: 'en', blocks: [{ type: 'image', png: new Uint8Array([1]), fileName: 'p.png', title: 'Pipeline <!here>', alt: 'Bars' }] });
    expect(message!.blocks).toEqual([{ type: 'context', elements: [{ type: 'mrkdwn', text: 'Pipeline &lt;!here&gt;' }] }]);
    expect(message!.text).toBe('Pipeline &lt;!here&gt;');
    expect(JSON.stringify(message)).not.toContain('image_url');
  });

  it('names a file in a context line marked as a file and in the fallback text; the file itself is uploaded', () => {
    const [message] = renderMessages({
      visibility: 'private', lang: 'en',
      blocks: [{ type: 'file', bytes: new Uint8Array([123, 125]), fileName: 'export.json', mimeType: 'application/json', title: 'Données de <@U1> & co' }],
    });
    expect(message!.blocks).toEqual([{ type: 'context', elements: [{ type: 'mrkdwn', text: '📄 Données de &lt;@U1&gt; &amp; co' }] }]);
    expect(message!.text).toBe('Données de &lt;@U1&gt; &amp; co');
    expect(JSON.stringify(message)).not.toMatch(/image_url|"type":"image"|"type":"file"/);
  });

  it('escapes mentions, broadcasts and links in every text', () => {
    const [message] = renderMessages({ visibility: 'channel', lang: 'en', blocks: [{ type: 'section', title: '<!everyone>', text: '<@U1> & <https://x|y>' }, { type: 'list', items: ['<!here>'] }] });
    const all = texts(message!.blocks).join(' ');
    expect(all).not.toMatch(/<[@!h]/);
    expect(all).toContain('&lt;!everyone&gt;');
    expect(message!.text).not.toContain('<!');
  });
});

describe('modal', () => {
  it('builds inputs from a form and reads a submission back', () => {
    const view = renderModal(
      {
        type: 'form',
        formId: 'command:deal new',
        title: '/deal new with a very long title indeed',
        submitLabel: 'Submit',
        fields: [
          { name: 'name', label: 'Name', kind: 'text', required: true },
          { name: 'close', label: 'Close', kind: 'date', required: false, initial: '2026-12-30' },
          { name: 'stage', label: 'Stage', kind: 'select', required: false, choices: [{ label: 'Demo', value: 'demo' }] },
        ],
      },
      { channelId: 'C1' },
    ) as { title: { text: string }; blocks: Array<{ block_id: string; optional: boolean; element: Record<string, unknown> }>; private_metadata: string };
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.map((b) => [b.block_id, b.element['type'], b.optional])).toEqual([
      ['name', 'plain_text_input', false],
      ['close', 'datepicker', true],
      ['stage', 'static_select', true],
    ]);
    expect(JSON.parse(view.private_metadata)).toEqual({ channelId: 'C1' });
    expect(
      readSubmission({
        values: {
          name: { value: { type: 'plain_text_input', value: 'Dupont' } },
          close: { value: { type: 'datepicker', selected_date: '2026-12-30' } },
          stage: { value: { type: 'static_select', selected_option: { value: 'demo' } } },
          empty: { value: { type: 'plain_text_input', value: null } },
        },
      }),
    ).toEqual({ name: 'Dupont', close: '2026-12-30', stage: 'demo' });
  });
});
