// Vega spec → SVG (vega, headless) → PNG (resvg). No canvas package: it downloads native
// binaries at install time, while resvg ships its binary inside the npm package.
import { existsSync } from 'node:fs';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { Error as LOG_ERROR, View, parse, type Loader, type Spec } from 'vega';
import { FONT_FAMILY, colors } from './chart-theme.ts';

/** Where distributions put DejaVu Sans (Debian/Ubuntu, Fedora/Alpine, Arch). */
const FONT_DIRS = ['/usr/share/fonts/truetype/dejavu', '/usr/share/fonts/dejavu', '/usr/share/fonts/TTF'];
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];

type FontOptions = NonNullable<ResvgRenderOptions['font']>;
let fontOptions: FontOptions | undefined;

/**
 * resvg builds its font database on every render: scanning the system fonts took 4–9 ms per
 * render on a host with only 22 DejaVu files (hosts with many fonts pay more), naming the two
 * DejaVu Sans files 0.2 ms. The files are looked up once; a host without them falls back to the
 * system scan, so text still renders in whatever sans-serif is there rather than vanishing.
 */
function fonts(): FontOptions {
  if (fontOptions) return fontOptions;
  const common = { defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY };
  for (const dir of FONT_DIRS) {
    const files = FONT_FILES.map((file) => `${dir}/${file}`);
    if (files.every((file) => existsSync(file))) {
      fontOptions = { ...common, loadSystemFonts: false, fontFiles: files };
      return fontOptions;
    }
  }
  fontOptions = { ...common, loadSystemFonts: true };
  return fontOptions;
}

/** A spec named a URL or file to load (data `url`, image mark): charts are inline data only. */
export class ExternalResourceError extends Error {
  constructor(readonly uri: string) {
    super(`A chart spec tried to load an external resource (${uri}); charts take inline data only.`);
    this.name = 'ExternalResourceError';
  }
}

/**
 * Vega's default loader reads local files and fetches URLs named in a spec (data `url`, image
 * marks). Charts are built from inline values only, so every load is refused and remembered:
 * vega itself would only log the failure and draw an empty chart.
 */
function refusingLoader(refused: string[]): Loader {
  const refuse = (uri: string): Promise<never> => {
    refused.push(uri);
    return Promise.reject(new ExternalResourceError(uri));
  };
  return { load: refuse, sanitize: refuse, http: refuse, file: refuse };
}

/** PNG bytes of a Vega spec, drawn at `scale` × its logical size (2 by default, for high-DPI chat clients). */
export async function renderPng(spec: Spec, options?: { scale?: number }): Promise<Uint8Array> {
  const scale = options?.scale ?? 2;
  const refused: string[] = [];
  // Refused loads are reported below as one error; vega's own warnings would only repeat them.
  const view = new View(parse(spec), { renderer: 'none', loader: refusingLoader(refused), logLevel: LOG_ERROR });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  if (refused.length > 0) throw new ExternalResourceError(refused[0] ?? '');
  // renderAsync runs on libuv's thread pool: the event loop keeps serving chat traffic meanwhile.
  const image = await renderAsync(svg, {
    font: fonts(),
    fitTo: { mode: 'zoom', value: scale },
    background: colors.background,
  });
  return new Uint8Array(image.asPng());
}
