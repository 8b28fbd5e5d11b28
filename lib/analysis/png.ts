// PNG rendering of the architecture diagram. @resvg/resvg-js (a native module) is an optional
// dependency for users: it is required only when a PNG is asked for.

/** The part of @resvg/resvg-js used here. */
interface ResvgModule {
  Resvg: new (svg: string, options?: object) => { render(): { asPng(): Buffer } };
}

/**
 * `svg` rendered to PNG with @resvg/resvg-js, scaled to `width` px (default: the SVG's own width), on a
 * white background with the system fonts. Throws when @resvg/resvg-js is not installed.
 */
export function renderPng(svg: string, width?: number): Buffer {
  let resvg: ResvgModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    resvg = require('@resvg/resvg-js') as ResvgModule;
  } catch (e) {
    throw new Error(`install @resvg/resvg-js to render PNG (npm install --save-dev @resvg/resvg-js): ${(e as Error).message}`);
  }
  if (width !== undefined && !(Number.isInteger(width) && width > 0 && width <= 32768)) {
    throw new Error(`renderPng: width (${width}) must be an integer from 1 to 32768 px`);
  }
  const renderer = new resvg.Resvg(svg, {
    fitTo: width === undefined ? { mode: 'original' } : { mode: 'width', value: width },
    background: '#ffffff',
    // The SVG names its own font list; these are the fallbacks where none of them is installed.
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return renderer.render().asPng();
}
