import { describe, expect, it } from 'vitest';
import { parseButtonId, renderDiscordMessages } from '../../adapters/discord/discord-message.renderer.ts';
import { renderDiscordModal } from '../../adapters/discord/discord-modal.renderer.ts';
import type { Reply } from '../../src/core/types.ts';

const embedChars = (embeds: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>) =>
  embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);

describe('Discord rendering', () => {
  it('paginates long replies within Discord limits', () => {
    const reply: Reply = {
      visibility: 'private',
      blocks: [
        { type: 'text', text: 'y'.repeat(4500) },
        { type: 'list', title: 'Deals', items: Array.from({ length: 600 }, (_, i) => `#${i} ${'deal name '.repeat(6)}`) },
        { type: 'fields', fields: Array.from({ length: 40 }, (_, i) => ({ label: `F${i}`, value: 'v'.repeat(2000) })) },
        { type: 'buttons', buttons: Array.from({ length: 32 }, (_, i) => ({ label: `B${i}`, actionId: 'run', value: `deal show #${i}` })) },
      ],
    };
    const messages = renderDiscordMessages(reply);
    expect(messages.length).toBeGreaterThan(3);
    for (const message of messages) {
      expect((message.content ?? '').length).toBeLessThanOrEqual(2000);
      expect(message.embeds.length).toBeLessThanOrEqual(10);
      expect(embedChars(message.embeds)).toBeLessThanOrEqual(6000);
      expect(message.components.length).toBeLessThanOrEqual(5);
      for (const row of message.components) expect(row.components.length).toBeLessThanOrEqual(5);
      for (const embed of message.embeds) {
        expect((embed.description ?? '').length).toBeLessThanOrEqual(4096);
        expect((embed.fields ?? []).length).toBeLessThanOrEqual(25);
        for (const field of embed.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
      }
    }
    expect(messages.flatMap((m) => m.embeds).some((e) => e.description?.includes('#599 deal name'))).toBe(true);
    const buttons = messages.flatMap((m) => m.components.flatMap((r) => r.components));
    expect(buttons).toHaveLength(32);
    expect(parseButtonId(String(buttons[31]!['custom_id']))).toEqual({ actionId: 'run', value: 'deal show #31' });
  });

  it('escapes markdown and mentions in user text', () => {
    const [message] = renderDiscordMessages({ visibility: 'channel', blocks: [{ type: 'text', text: '**@everyone** <@123456789012345678> @here' }] });
    expect(message!.content).not.toMatch(/@everyone|@here|<@\d/);
    expect(message!.content).toContain('\\*\\*');
  });

  it('attaches charts: ten per message at most, unique safe names, alt text as description, oversized ones left out', () => {
    const png = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    const skipped: string[] = [];
    const messages = renderDiscordMessages(
      {
        visibility: 'private',
        blocks: [
          { type: 'text', text: 'KPI' },
          ...Array.from({ length: 12 }, (_, i) => ({ type: 'image' as const, png, fileName: i < 2 ? 'kpi.png' : `kpi-${i}.png`, alt: `chart ${i}` })),
          { type: 'image', png: new Uint8Array(2048), fileName: '../big chart.png', alt: 'too big' },
          { type: 'buttons', buttons: [{ label: 'More', actionId: 'run', value: 'kpi list' }] },
        ],
      },
      { maxFileBytes: 1024, onSkippedImage: (image) => skipped.push(image.fileName) },
    );
    const files = messages.flatMap((m) => m.files ?? []);
    expect(files).toHaveLength(12);
    for (const message of messages) expect((message.files ?? []).length).toBeLessThanOrEqual(10);
    expect(files.slice(0, 2).map((f) => f.name)).toEqual(['kpi.png', 'kpi_2.png']);
    expect(files[0]!.description).toBe('chart 0');
    expect(Buffer.from(files[0]!.attachment).equals(Buffer.from(png))).toBe(true);
    expect(skipped).toEqual(['../big chart.png']);
    // Files ride on the message with the buttons (the last), the rest on one more message.
    expect(messages[0]!.components).toHaveLength(1);
    expect(messages[0]!.files).toHaveLength(10);
    expect(messages[1]!.files).toHaveLength(2);
    // Every chart keeps its title line in the text.
    expect(messages[0]!.content).toContain('chart 11');
  });

  it('keeps at most five inputs in a modal, required ones first', () => {
    const modal = renderDiscordModal({
      type: 'form',
      formId: 'command:log',
      title: '/log',
      submitLabel: 'Submit',
      fields: [
        ...Array.from({ length: 6 }, (_, i) => ({ name: `opt${i}`, label: `Optional ${i}`, kind: 'text' as const, required: false })),
        { name: 'type', label: 'Type', kind: 'select' as const, required: true },
      ],
    });
    expect(modal.components).toHaveLength(5);
    expect((modal.components[0] as any).components[0].custom_id).toBe('type');
  });
});
