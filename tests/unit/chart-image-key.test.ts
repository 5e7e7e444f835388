import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chartImageKey, chartRendererVersion } from '../../src/export/chart-images';

const versionOf = (pkg: string) => (JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')) as { version: string }).version;

describe('the key of a stored chart image', () => {
  it('names the installed renderer and font: upgrading either makes every stored image be drawn again', () => {
    expect(chartRendererVersion).toContain(`resvg-wasm ${versionOf('@resvg/resvg-wasm')}`);
    expect(versionOf('dejavu-fonts-ttf')).toMatch(new RegExp(`^${chartRendererVersion.match(/DejaVu Sans ([\d.]+)/)![1].replace(/\./g, '\\.')}`));
  });

  it('changes with the SVG, the width and the renderer’s version, and only with them', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>1.234</text></svg>';
    const key = await chartImageKey(svg, 1200);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(await chartImageKey(svg, 1200)).toBe(key);
    expect(await chartImageKey(svg.replace('1.234', '1.235'), 1200)).not.toBe(key);
    expect(await chartImageKey(svg, 1000)).not.toBe(key);
    expect(await chartImageKey(svg, 1200, `${chartRendererVersion}; otra`)).not.toBe(key);
  });
});
