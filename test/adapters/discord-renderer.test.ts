import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, parseButtonId, renderDiscordMessages, tooLargeLine } from '../../adapters/discord/discord-message.renderer.ts';
import { renderDiscordModal } from '../../adapters/discord/discord-modal.renderer.ts';
import { hasMessage, translate } from '../../src/core/i18n/i18n.ts';
import type { Reply } from '../../src/core/types.ts';

const embedChars = (embeds: Array<{ title?: string; description?: string; fields?: Array<{ name: string; value: string }> }>) =>
  embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);

describe('Discord rendering', () => {
  it('paginates long replies within Discord limits', () => {
    const reply: Reply = {
      visibility: 'private', lang: 'en',
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
    const [message] = renderDiscordMessages({ visibility: 'channel', lang: 'en', blocks: [{ type: 'text', text: '**@everyone** <@123456789012345678> @here' }] });
    expect(message!.content).not.toMatch(/@everyone|@here|<@\d/);
    expect(message!.content).toContain('\\*\\*');
  });

  it('attaches charts: ten per message at most, unique safe names, alt text as description, oversized ones left out', () => {
    const png = new Uint8Array(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'));
    const skipped: string[] = [];
    const messages = renderDiscordMessages(
      {
        visibility: 'private', lang: 'en',
        blocks: [
          { type: 'text', text: 'KPI' },
          ...Array.from({ length: 12 }, (_, i) => ({ type: 'image' as const, png, fileName: i < 2 ? 'kpi.png' : `kpi-${i}.png`, alt: `chart ${i}` })),
          { type: 'image', png: new Uint8Array(2048), fileName: '../big chart.png', alt: 'too big' },
          { type: 'buttons', buttons: [{ label: 'More', actionId: 'run', value: 'kpi list' }] },
        ],
      },
      { maxFileBytes: 1024, onSkippedAttachment: (image) => skipped.push(image.fileName) },
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
    // Every chart keeps its title line in the text; the one left out says it was too large.
    expect(messages[0]!.content).toContain('chart 11');
    expect(messages[0]!.content).toContain('too big');
  });

  it('attaches files under their own safe name and extension, without description, each named by a 📄 line', () => {
    const json = new Uint8Array(Buffer.from('{"a":1}'));
    const [message] = renderDiscordMessages({
      visibility: 'private', lang: 'en',
      blocks: [
        { type: 'file', bytes: json, fileName: '../Données Camille.json', mimeType: 'application/json', title: 'Export **Camille** @everyone' },
        { type: 'file', bytes: json, fileName: 'Données Camille', mimeType: 'application/json', title: 'Again' },
        { type: 'file', bytes: json, fileName: 'deals', mimeType: 'text/csv', title: 'Deals' },
        { type: 'file', bytes: json, fileName: 'blob.dat', mimeType: 'application/x-unknown', title: 'Blob' },
      ],
    });
    expect(message!.files!.map((f) => f.name)).toEqual(['Donnees_Camille.json', 'Donnees_Camille_2.json', 'deals.csv', 'blob.dat']);
    expect(message!.files!.every((f) => f.description === undefined)).toBe(true);
    expect(Buffer.from(message!.files![0]!.attachment).equals(Buffer.from(json))).toBe(true);
    expect(message!.content).toContain('📄 Export \\*\\*Camille\\*\\*');
    expect(message!.content).not.toMatch(/@everyone/);
    expect(message!.content).toContain('📄 Deals');
  });

  it('leaves out a file over the cap, with a visible line and a log, and still sends the one within it', () => {
    const skipped: Array<{ type: string; fileName: string; bytes: number }> = [];
    const messages = renderDiscordMessages(
      {
        visibility: 'channel', lang: 'en',
        blocks: [
          { type: 'file', bytes: new Uint8Array(3 * 1024 * 1024), fileName: 'all.json', mimeType: 'application/json', title: 'Full export' },
          { type: 'file', bytes: new Uint8Array(10), fileName: 'small.csv', mimeType: 'text/csv', title: 'Small export' },
        ],
      },
      { maxFileBytes: 2 * 1024 * 1024, onSkippedAttachment: (attachment) => skipped.push(attachment) },
    );
    expect(skipped).toEqual([{ type: 'file', fileName: 'all.json', bytes: 3 * 1024 * 1024 }]);
    expect(messages.flatMap((m) => m.files ?? []).map((f) => f.name)).toEqual(['small.csv']);
    const text = messages.map((m) => m.content ?? '').join('\n');
    expect(text).not.toContain('📄 Full export');
    expect(text).toMatch(/Full export.*3.*2/);
    expect(text).toContain('📄 Small export');
  });

  it('words the too-large line from the catalogue once files.too_large exists, else without words', () => {
    const expected = hasMessage('files.too_large')
      ? translate('fr', 'files.too_large', { title: 'Export \\*A\\*', size: '9,5', limit: '8' })
      : '⚠️ Export \\*A\\*: 9.5 MB > 8 MB';
    expect(tooLargeLine('Export *A*', 9.5 * 1024 * 1024, MAX_FILE_BYTES, 'fr')).toBe(expected);
    expect(MAX_FILE_BYTES).toBe(8 * 1024 * 1024);
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
