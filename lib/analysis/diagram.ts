// The architecture diagram of the resilience report: the picture a person would draw of a deployment
// (in the manner of the AWS reference architectures), drawn from its Topology as a standalone SVG 1.1
// string. DNS on top with an arrow to each region's load balancer; regions side by side, primary first;
// inside a region, zones are columns and tiers are rows; cross-region links as labelled dashed arrows.
// Pure string building: the same topology always gives the same bytes.
import { element, num, textElement, textWidth, titleElement, truncate, wrap } from './svg';
import { DnsTarget, TierKind, Topology, TopologyLink, TopologyRegion, TopologyResource } from './topology';

/** The row label of each tier, as the diagram writes it. */
export const TIER_ROW_LABELS: { [tier: string]: string } = {
  'load-balancer': 'Load balancer',
  'app': 'App',
  'database': 'Database',
  'backup': 'Backup',
  'network': 'Network',
};

/** What each link kind is called in the legend. */
export const LINK_KIND_LABELS: { [kind: string]: string } = {
  'database-replication': 'database replication',
  'backup-copy': 'backup copy',
  'object-replication': 'object replication',
};

// Generic families last: Helvetica/Arial where a viewer has them, DejaVu Sans on a bare Linux.
// Unquoted names: resvg 2.6 ignores a quoted name that follows another in the list. The CJK families are
// for Alibaba Cloud zone and resource names.
const FONT_FAMILY = 'Helvetica, Arial, DejaVu Sans, Liberation Sans, Noto Sans, PingFang SC, Microsoft YaHei, Noto Sans CJK SC, sans-serif';

const INK = '#1f2328';
const MUTED = '#57606a';
const RULE = '#d0d7de';

interface TierStyle {
  readonly kind: TierKind;
  readonly stroke: string;
  readonly fill: string;
}

// Row order of the design; the network row is drawn only when some region has network resources.
const TIERS: readonly TierStyle[] = [
  { kind: 'load-balancer', stroke: '#7d3ce0', fill: '#f4eefe' },
  { kind: 'app', stroke: '#c45c00', fill: '#fff3e6' },
  { kind: 'database', stroke: '#3b48cc', fill: '#eef0fc' },
  { kind: 'backup', stroke: '#3f7a24', fill: '#eef6ea' },
  { kind: 'network', stroke: '#5d6b7a', fill: '#f1f3f5' },
];

interface LinkStyle {
  readonly colour: string;
  readonly dash: string;
}

// Okabe-Ito colours (distinguishable with the common colour-vision deficiencies), and a different dash
// per kind so that the kind never rests on colour alone; every link also carries its label.
const LINK_STYLES: { [kind: string]: LinkStyle } = {
  'database-replication': { colour: '#0072b2', dash: '9 4' },
  'backup-copy': { colour: '#d55e00', dash: '3 3' },
  'object-replication': { colour: '#009e73', dash: '12 3 3 3' },
};
const UNKNOWN_LINK_STYLE: LinkStyle = { colour: '#6e7781', dash: '6 6' };

const DNS_COLOUR = '#24292f';
const DNS_UNCHECKED_COLOUR = '#b42318';

const MARGIN = 24;
const ROW_LABEL_WIDTH = 128;
const REGION_RIGHT_PAD = 12;
/** Room between two regions for the labels of the links that join them, before the routes of farther links. */
const REGION_GAP = 200;
/** Distance between the parallel routes of links to non-adjacent regions. */
const ROUTE_SPACING = 8;
const REGION_TITLE_HEIGHT = 34;
const ZONE_HEADER_HEIGHT = 26;
const REGION_BOTTOM_PAD = 12;
const ZONE_INSET = 8;
const BOX_HEIGHT = 44;
const NETWORK_BOX_HEIGHT = 26;
const BOX_GAP = 8;
const ROW_PAD = 10;
const MIN_COLUMN_WIDTH = 184;
const MAX_COLUMN_WIDTH = 236;
const MAX_REGION_TITLE_WIDTH = 560;
const LABEL_LINE_HEIGHT = 14;
const LINK_LABEL_FONT = 11;
const CHANNEL_LABEL_WIDTH = 320;

interface Box {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

interface Interval {
  readonly from: number;
  readonly to: number;
}

/** One box of the picture: a resource, or (in the network row) resources of one type and zone span. */
interface Item {
  readonly key: string;
  readonly tier: TierKind;
  readonly name: string;
  readonly detail?: string;
  readonly tooltip: string;
  readonly addresses: readonly string[];
  readonly types: readonly string[];
  readonly first: number;
  readonly last: number;
  lane: number;
  box: Box;
}

interface RegionLayout {
  readonly region: TopologyRegion;
  readonly columns: number;
  readonly zoneLabels: readonly string[];
  readonly columnWidth: number;
  readonly width: number;
  readonly title: string;
  readonly items: Item[];
  x: number;
}

interface Row {
  readonly style: TierStyle;
  readonly boxHeight: number;
  readonly height: number;
  y: number;
}

interface LinkEnd {
  readonly region: number;
  readonly item?: Item;
  readonly row?: Row;
  readonly side: 'left' | 'right';
  offset: number;
}

interface PlannedLink {
  readonly link: TopologyLink;
  readonly style: LinkStyle;
  readonly from: LinkEnd;
  readonly to: LinkEnd;
  readonly adjacent: boolean;
  /** For a link between non-adjacent regions: its lane in the channel under the regions. */
  readonly lane: number;
}

interface LabelBlock {
  readonly lines: string[];
  readonly width: number;
  readonly height: number;
  cx: number;
  cy: number;
  readonly border: string;
  readonly textColour: string;
}

interface LegendEntry {
  readonly sample: string;
  readonly label: string;
}

/**
 * The architecture of `topology` as a standalone SVG 1.1 document: the DNS name on top with an arrow to each
 * region's load balancer (labelled with the answer's role, marked when it is not health-checked), the
 * regions side by side (primary first and highlighted), zones as columns and tiers as rows inside each
 * region, cross-region links as labelled dashed arrows, and a legend. Deterministic: the same topology
 * always gives the same string.
 */
export function renderArchitectureSvg(topology: Topology): string {
  return new ArchitectureDrawing(topology).svg();
}

class ArchitectureDrawing {
  private readonly regions: RegionLayout[];
  private readonly rows: Row[];
  private readonly notes: string[] = [];
  private readonly links: PlannedLink[] = [];
  /** Per gap between region i and i + 1: its width and the room kept on each side for channel routes. */
  private readonly gaps: { width: number; leftRoutes: number; rightRoutes: number }[] = [];
  private readonly width: number;
  private readonly contentWidth: number;
  private readonly title: string;
  private readonly subtitle: string;
  private readonly dnsLines: { text: string; size: number; bold: boolean; colour: string }[] = [];
  private dnsBox?: Box;
  private regionsTop = 0;
  private regionsHeight = 0;
  private channelTop = 0;
  private channelLaneHeight = 0;
  private readonly channelLabels: LabelBlock[] = [];
  private readonly gapLabels: LabelBlock[] = [];

  constructor(private readonly topology: Topology) {
    const regions = topology.regions ?? [];
    const hasNetwork = regions.some((r) => (r.resources ?? []).some((res) => res.tier === 'network'));
    const tiers = TIERS.filter((t) => t.kind !== 'network' || hasNetwork);
    const columnWidth = commonColumnWidth(regions);
    this.regions = regions.map((region) => layoutRegion(region, tiers, columnWidth));
    this.rows = tiers.map((style) => {
      const boxHeight = style.kind === 'network' ? NETWORK_BOX_HEIGHT : BOX_HEIGHT;
      const lanes = Math.max(1, ...this.regions.map((r) => laneCount(r.items, style.kind)));
      return { style, boxHeight, height: 2 * ROW_PAD + lanes * (boxHeight + BOX_GAP) - BOX_GAP, y: 0 };
    });

    const cloudName = topology.cloud === 'alicloud' ? 'Alibaba Cloud' : 'AWS';
    this.title = `Resilience architecture — ${cloudName}`;
    this.subtitle = subtitleOf(topology);
    this.planDnsText();

    this.planLinks();
    const regionsWidth = this.regions.reduce((sum, r) => sum + r.width, 0) + this.gaps.reduce((sum, g) => sum + g.width, 0);
    const dnsWidth = this.dnsLines.length ? dnsBoxWidth(this.dnsLines) : 0;
    this.contentWidth = Math.max(regionsWidth, dnsWidth, textWidth(this.title, 18, true), 560);
    this.width = this.contentWidth + 2 * MARGIN;

    let x = MARGIN + (this.contentWidth - regionsWidth) / 2;
    this.regions.forEach((region, i) => {
      region.x = x;
      x += region.width + (this.gaps[i]?.width ?? 0);
    });
    if (this.dnsLines.length) {
      this.dnsBox = { x: MARGIN + (this.contentWidth - dnsWidth) / 2, y: MARGIN + 52, w: dnsWidth, h: 14 + this.dnsLines.length * 19 };
    }
    const dnsTargets = this.drawnDnsTargets();
    this.regionsTop = this.dnsBox ? this.dnsBox.y + this.dnsBox.h + 28 + dnsTargets.length * 10 + 2 * LABEL_LINE_HEIGHT + 20 : MARGIN + 60;
    this.regionsHeight = REGION_TITLE_HEIGHT + ZONE_HEADER_HEIGHT + this.rows.reduce((sum, r) => sum + r.height, 0) + REGION_BOTTOM_PAD;
    let y = this.regionsTop + REGION_TITLE_HEIGHT + ZONE_HEADER_HEIGHT;
    for (const row of this.rows) {
      row.y = y;
      y += row.height;
    }
    this.placeItems();
    this.channelTop = this.regionsTop + this.regionsHeight + 18;
    if (!topology.dns) this.notes.push('No DNS name in front of the regions: clients reach a region\'s load balancer directly.');
    if (this.regions.length === 0) this.notes.push('No region found in the synthesized stacks.');
  }

  /** The whole document. */
  svg(): string {
    const body: string[] = [];
    body.push(this.drawTitle());
    if (this.dnsBox) body.push(this.drawDnsBox(this.dnsBox));
    for (const region of this.regions) body.push(this.drawRegionFrame(region));
    const linkPaths = this.links.map((planned, index) => this.drawLink(planned, index));
    body.push(...linkPaths);
    for (const region of this.regions) body.push(this.drawRegionItems(region));
    body.push(this.drawDnsArrows());
    this.spreadLabels(this.gapLabels);
    body.push(...this.gapLabels.map(drawLabel), ...this.channelLabels.map(drawLabel));

    const channelLanes = this.links.filter((l) => !l.adjacent).length;
    let y = channelLanes ? this.channelTop + channelLanes * this.channelLaneHeight + 8 : this.regionsTop + this.regionsHeight + 24;
    if (this.regions.length === 0) y = this.regionsTop;
    for (const note of this.notes) {
      for (const line of wrap(note, this.contentWidth, 12)) {
        y += 18;
        body.push(textElement(line, { 'x': MARGIN, 'y': y, 'font-size': 12, 'fill': MUTED }));
      }
    }
    const legend = this.drawLegend(y + 20);
    body.push(legend.markup);
    const height = legend.bottom + MARGIN;

    return [
      '<?xml version="1.0" encoding="UTF-8"?>\n',
      `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${num(this.width)}" height="${num(height)}" `
        + `viewBox="0 0 ${num(this.width)} ${num(height)}" font-family="${FONT_FAMILY.replace(/'/g, '&apos;')}" font-size="12">\n`,
      titleElement(`${this.title}. ${this.subtitle}`), '\n',
      this.defs(), '\n',
      element('rect', { x: 0, y: 0, width: this.width, height, fill: '#ffffff' }), '\n',
      body.filter((part) => part.length > 0).join('\n'), '\n',
      '</svg>\n',
    ].join('');
  }

  private defs(): string {
    const colours: { [id: string]: string } = { 'arrow-dns': DNS_COLOUR, 'arrow-dns-unchecked': DNS_UNCHECKED_COLOUR };
    for (const kind of Object.keys(LINK_STYLES)) colours[`arrow-${kind}`] = LINK_STYLES[kind].colour;
    colours['arrow-other'] = UNKNOWN_LINK_STYLE.colour;
    const markers = Object.entries(colours).map(([id, colour]) => element('marker', {
      id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 10, markerHeight: 10, markerUnits: 'userSpaceOnUse', orient: 'auto',
    }, [element('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour })]));
    return element('defs', {}, markers);
  }

  private drawTitle(): string {
    return [
      textElement(this.title, { 'x': MARGIN, 'y': MARGIN + 16, 'font-size': 18, 'font-weight': 'bold', 'fill': INK }),
      textElement(truncate(this.subtitle, this.contentWidth, 12), { 'x': MARGIN, 'y': MARGIN + 36, 'font-size': 12, 'fill': MUTED }),
    ].join('\n');
  }

  // ---- DNS ----

  private planDnsText(): void {
    const dns = this.topology.dns;
    if (!dns) return;
    const service = this.topology.cloud === 'alicloud' ? 'Alibaba Cloud DNS GTM' : 'Route 53';
    this.dnsLines.push({ text: dns.name, size: 15, bold: true, colour: INK });
    this.dnsLines.push({ text: `${service} · ${dns.routing} routing`, size: 12, bold: false, colour: INK });
    const health: string[] = [];
    if (dns.checkIntervalSeconds !== undefined && dns.failureThreshold !== undefined) {
      health.push(`health check every ${dns.checkIntervalSeconds} s × ${dns.failureThreshold} failures`
        + ` (${dns.checkIntervalSeconds * dns.failureThreshold} s to detect)`);
    } else if (dns.checkIntervalSeconds !== undefined) {
      health.push(`health check every ${dns.checkIntervalSeconds} s`);
    } else if (dns.failureThreshold !== undefined) {
      health.push(`unhealthy after ${dns.failureThreshold} failed checks`);
    }
    if (dns.ttlSeconds !== undefined) health.push(`TTL ${dns.ttlSeconds} s`);
    if (health.length) this.dnsLines.push({ text: health.join(' · '), size: 12, bold: false, colour: INK });
    const regionNames = new Set(this.regions.map((r) => r.region.name));
    for (const target of dns.targets ?? []) {
      if (!regionNames.has(target.region)) {
        this.dnsLines.push({ text: `also answers ${target.region} (${target.role}), not in this picture`, size: 11, bold: false, colour: MUTED });
      }
    }
    if ((dns.targets ?? []).length === 0) this.dnsLines.push({ text: 'no answers configured', size: 11, bold: false, colour: DNS_UNCHECKED_COLOUR });
    this.dnsLines.push({ text: `stack ${dns.stack}`, size: 11, bold: false, colour: MUTED });
  }

  private drawnDnsTargets(): DnsTarget[] {
    const regionNames = new Set(this.regions.map((r) => r.region.name));
    return (this.topology.dns?.targets ?? []).filter((t) => regionNames.has(t.region));
  }

  private drawDnsBox(box: Box): string {
    const parts = [element('rect', { 'x': box.x, 'y': box.y, 'width': box.w, 'height': box.h, 'rx': 8, 'fill': '#f6f8fa', 'stroke': DNS_COLOUR, 'stroke-width': 1.5 })];
    let y = box.y + 8;
    for (const line of this.dnsLines) {
      y += 19;
      parts.push(textElement(line.text, {
        'x': box.x + box.w / 2, 'y': y - 4, 'text-anchor': 'middle', 'font-size': line.size,
        'font-weight': line.bold ? 'bold' : undefined, 'fill': line.colour,
      }));
    }
    return element('g', { id: 'dns' }, [titleElement(`DNS ${this.topology.dns?.name ?? ''}`), ...parts]);
  }

  private drawDnsArrows(): string {
    const dnsBox = this.dnsBox;
    if (!dnsBox) return '';
    const targets = this.drawnDnsTargets();
    const taken: Interval[] = [];
    const ends = targets.map((target) => {
      const region = this.regions.find((r) => r.region.name === target.region)!;
      const lb = region.items.filter((i) => i.tier === 'load-balancer').sort((a, b) => a.lane - b.lane || a.first - b.first)[0];
      const box = lb?.box ?? { x: region.x, y: this.regionsTop, w: region.width, h: 0 };
      const blocked = [...this.textExtents(region), ...taken];
      const x = freeX(box.x + box.w / 2, box.x + 16, box.x + box.w - 16, blocked);
      taken.push({ from: x - 30, to: x + 30 });
      return { target, x, y: box.y };
    });
    const order = ends.map((_, i) => i).sort((a, b) => ends[a].x - ends[b].x || a - b);
    const startX = new Map<number, number>();
    order.forEach((endIndex, rank) => startX.set(endIndex, dnsBox.x + (dnsBox.w * (rank + 1)) / (order.length + 1)));
    // Staggered elbows: the outermost answers turn first, so no two routes cross.
    const bottom = dnsBox.y + dnsBox.h;
    const leftGoing = order.filter((i) => ends[i].x < startX.get(i)! - 0.5);
    const rightGoing = order.filter((i) => ends[i].x > startX.get(i)! + 0.5).reverse();
    const elbowY = new Map<number, number>();
    leftGoing.forEach((i, rank) => elbowY.set(i, bottom + 14 + rank * 10));
    rightGoing.forEach((i, rank) => elbowY.set(i, bottom + 14 + rank * 10));

    const parts: string[] = [];
    const labels: LabelBlock[] = [];
    const labelCy = this.regionsTop - 12 - LABEL_LINE_HEIGHT;
    ends.forEach((end, i) => {
      const sx = startX.get(i)!;
      const elbow = elbowY.get(i);
      const d = elbow === undefined
        ? `M${num(sx)},${num(bottom)} V${num(end.y)}`
        : `M${num(sx)},${num(bottom)} V${num(elbow)} H${num(end.x)} V${num(end.y)}`;
      const checked = end.target.healthChecked;
      parts.push(element('path', {
        'd': d, 'fill': 'none', 'stroke': checked ? DNS_COLOUR : DNS_UNCHECKED_COLOUR, 'stroke-width': 1.8,
        'stroke-dasharray': checked ? undefined : '6 4', 'marker-end': `url(#arrow-dns${checked ? '' : '-unchecked'})`,
      }, [titleElement(`${end.target.role} answer ${end.target.address} → ${end.target.region}${checked ? ', health-checked' : ', not health-checked'}`)]));
      const lines = checked ? [end.target.role] : [end.target.role, '⚠ not health-checked'];
      labels.push(labelBlock(lines, checked ? DNS_COLOUR : DNS_UNCHECKED_COLOUR, checked ? INK : DNS_UNCHECKED_COLOUR, 220, end.x, labelCy));
    });
    return [...parts, ...labels.map(drawLabel)].join('\n');
  }

  // ---- regions ----

  /** The horizontal extents of the texts in a region's title and zone header bands (where DNS arrows cross). */
  private textExtents(region: RegionLayout): Interval[] {
    const extents: Interval[] = [{ from: region.x + 12, to: region.x + 12 + textWidth(region.title, 14, true) }];
    region.zoneLabels.forEach((label, column) => {
      const centre = region.x + ROW_LABEL_WIDTH + (column + 0.5) * region.columnWidth;
      const half = textWidth(label, 11, true) / 2;
      extents.push({ from: centre - half, to: centre + half });
    });
    return extents;
  }

  private drawRegionFrame(region: RegionLayout): string {
    const primary = region.region.role === 'primary';
    const top = this.regionsTop;
    const parts: string[] = [];
    parts.push(element('rect', {
      'x': region.x, 'y': top, 'width': region.width, 'height': this.regionsHeight, 'rx': 10,
      'fill': primary ? '#f5f9ff' : '#fafbfc', 'stroke': primary ? '#0969da' : '#6e7781', 'stroke-width': primary ? 3 : 1.5,
    }));
    parts.push(element('path', {
      d: `M${num(region.x + 1)},${num(top + REGION_TITLE_HEIGHT)} V${num(top + 10)} Q${num(region.x + 1)},${num(top + 1)} ${num(region.x + 10)},${num(top + 1)}`
        + ` H${num(region.x + region.width - 10)} Q${num(region.x + region.width - 1)},${num(top + 1)} ${num(region.x + region.width - 1)},${num(top + 10)}`
        + ` V${num(top + REGION_TITLE_HEIGHT)} Z`,
      fill: primary ? '#dbeafe' : '#eaeef2',
    }));
    parts.push(textElement(region.title, { 'x': region.x + 12, 'y': top + 22, 'font-size': 14, 'font-weight': 'bold', 'fill': INK }));

    const zonesTop = top + REGION_TITLE_HEIGHT + 4;
    const zonesBottom = top + this.regionsHeight - 6;
    region.zoneLabels.forEach((label, column) => {
      const x = region.x + ROW_LABEL_WIDTH + column * region.columnWidth;
      parts.push(element('rect', {
        'x': x + 3, 'y': zonesTop, 'width': region.columnWidth - 6, 'height': zonesBottom - zonesTop, 'rx': 6,
        'fill': 'none', 'stroke': '#8c959f', 'stroke-width': 1, 'stroke-dasharray': '5 4',
      }));
      parts.push(textElement(label, {
        'x': x + region.columnWidth / 2, 'y': zonesTop + 16, 'text-anchor': 'middle', 'font-size': 11, 'font-weight': 'bold', 'fill': MUTED,
      }));
    });

    this.rows.forEach((row, index) => {
      if (index > 0) {
        parts.push(element('line', {
          'x1': region.x + 8, 'y1': row.y, 'x2': region.x + region.width - 8, 'y2': row.y, 'stroke': RULE, 'stroke-width': 1,
        }));
      }
      parts.push(element('rect', { x: region.x + 10, y: row.y + 8, width: 4, height: row.height - 16, rx: 2, fill: row.style.stroke }));
      parts.push(textElement(TIER_ROW_LABELS[row.style.kind], {
        // Near the top of the row rather than centred: links leave and enter boxes at their centre line.
        'x': region.x + 20, 'y': row.y + Math.min(row.height / 2 + 4, 21), 'font-size': 12, 'font-weight': 'bold', 'fill': INK,
      }));
      if (!region.items.some((item) => item.tier === row.style.kind)) {
        parts.push(textElement('none', {
          'x': region.x + ROW_LABEL_WIDTH + (region.columns * region.columnWidth) / 2, 'y': row.y + row.height / 2 + 4,
          'text-anchor': 'middle', 'font-size': 11, 'font-style': 'italic', 'fill': MUTED,
        }));
      }
    });
    const roleTitle = `${region.region.name}: ${region.region.role} region, stack ${region.region.stack}, ${region.columns} zone(s)`;
    return element('g', { class: `region ${region.region.role}` }, [titleElement(roleTitle), ...parts]);
  }

  private placeItems(): void {
    for (const region of this.regions) {
      for (const row of this.rows) {
        const items = region.items.filter((i) => i.tier === row.style.kind);
        const lanes = laneCount(items, row.style.kind);
        const used = lanes * (row.boxHeight + BOX_GAP) - BOX_GAP;
        const top = row.y + (row.height - used) / 2;
        for (const item of items) {
          item.box = {
            x: region.x + ROW_LABEL_WIDTH + item.first * region.columnWidth + ZONE_INSET,
            y: top + item.lane * (row.boxHeight + BOX_GAP),
            w: (item.last - item.first + 1) * region.columnWidth - 2 * ZONE_INSET,
            h: row.boxHeight,
          };
        }
      }
    }
  }

  private drawRegionItems(region: RegionLayout): string {
    return region.items.map((item) => {
      const style = TIERS.find((t) => t.kind === item.tier)!;
      const { x, y, w, h } = item.box;
      const parts = [titleElement(item.tooltip), element('rect', {
        'x': x, 'y': y, 'width': w, 'height': h, 'rx': 6, 'fill': style.fill, 'stroke': style.stroke, 'stroke-width': 1.5,
      })];
      const textWidthAvailable = w - 16;
      if (item.tier === 'network') {
        parts.push(textElement(truncate(item.name, textWidthAvailable, 11), {
          'x': x + w / 2, 'y': y + h / 2 + 4, 'text-anchor': 'middle', 'font-size': 11, 'fill': INK,
        }));
      } else if (item.detail) {
        parts.push(textElement(truncate(item.name, textWidthAvailable, 12, true), {
          'x': x + w / 2, 'y': y + 19, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold', 'fill': INK,
        }));
        parts.push(textElement(truncate(item.detail, textWidthAvailable, 11), {
          'x': x + w / 2, 'y': y + 35, 'text-anchor': 'middle', 'font-size': 11, 'fill': MUTED,
        }));
      } else {
        parts.push(textElement(truncate(item.name, textWidthAvailable, 12, true), {
          'x': x + w / 2, 'y': y + h / 2 + 4, 'text-anchor': 'middle', 'font-size': 12, 'font-weight': 'bold', 'fill': INK,
        }));
      }
      return element('g', { class: `resource ${item.tier}` }, parts);
    }).join('\n');
  }

  // ---- cross-region links ----

  private planLinks(): void {
    const indexOf = new Map(this.regions.map((r, i) => [r.region.name, i] as [string, number]));
    for (const link of this.topology.links ?? []) {
      const from = indexOf.get(link.fromRegion);
      const to = indexOf.get(link.toRegion);
      if (from === undefined || to === undefined) {
        const missing = from === undefined ? link.fromRegion : link.toRegion;
        this.notes.push(`Not drawn: ${link.label} (${link.fromRegion} → ${link.toRegion}): region ${missing} is not in this picture.`);
        continue;
      }
      if (from === to) {
        this.notes.push(`Inside ${link.fromRegion}: ${link.label}.`);
        continue;
      }
      const rightward = to > from;
      const adjacent = Math.abs(to - from) === 1;
      this.links.push({
        link,
        style: LINK_STYLES[link.kind] ?? UNKNOWN_LINK_STYLE,
        from: this.linkEnd(from, link.fromAddress, link.kind, rightward ? 'right' : 'left'),
        to: this.linkEnd(to, link.toAddress, link.kind, rightward ? 'left' : 'right'),
        adjacent,
        lane: adjacent ? -1 : this.links.filter((l) => !l.adjacent).length,
      });
    }
    // A channel route runs down the gap beside its source region and up the gap beside its target region.
    for (let i = 0; i + 1 < this.regions.length; i++) this.gaps.push({ width: 0, leftRoutes: 0, rightRoutes: 0 });
    for (const planned of this.links.filter((l) => !l.adjacent)) {
      const rightward = planned.to.region > planned.from.region;
      if (rightward) {
        this.gaps[planned.from.region].leftRoutes++;
        this.gaps[planned.to.region - 1].rightRoutes++;
      } else {
        this.gaps[planned.from.region - 1].rightRoutes++;
        this.gaps[planned.to.region].leftRoutes++;
      }
    }
    const channelLinks = this.links.filter((l) => !l.adjacent).length;
    const routeRoom = (routes: number): number => (routes ? 12 + channelLinks * ROUTE_SPACING : 0);
    for (const gap of this.gaps) gap.width = REGION_GAP + routeRoom(gap.leftRoutes) + routeRoom(gap.rightRoutes);

    // Several links leaving or entering the same side of the same box are spread apart vertically.
    const ports = new Map<string, LinkEnd[]>();
    for (const planned of this.links) {
      for (const end of [planned.from, planned.to]) {
        const key = `${end.region}|${end.item?.key ?? end.row?.style.kind}|${end.side}`;
        ports.set(key, [...(ports.get(key) ?? []), end]);
      }
    }
    for (const ends of ports.values()) ends.forEach((end, i) => { end.offset = (i - (ends.length - 1) / 2) * 8; });

    const channelLabelLines = this.links.filter((l) => !l.adjacent).map((l) => wrap(l.link.label, CHANNEL_LABEL_WIDTH - 14, LINK_LABEL_FONT).length);
    this.channelLaneHeight = Math.max(1, ...channelLabelLines) * LABEL_LINE_HEIGHT + 22;
  }

  private linkEnd(region: number, address: string | undefined, kind: string, side: 'left' | 'right'): LinkEnd {
    const layout = this.regions[region];
    const tier: TierKind = kind === 'database-replication' ? 'database' : 'backup';
    const byAddress = address === undefined ? undefined : layout.items.find((i) => i.addresses.includes(address));
    if (byAddress) return { region, item: byAddress, side, offset: 0 };
    const inTier = layout.items.filter((i) => i.tier === tier);
    const typeHint = kind === 'backup-copy' ? /backup|hbr|vault/ : kind === 'object-replication' ? /bucket|oss/ : /db|rds|database|cluster/;
    const item = inTier.find((i) => i.types.some((t) => typeHint.test(t))) ?? inTier[0];
    if (item) return { region, item, side, offset: 0 };
    return { region, row: this.rows.find((r) => r.style.kind === tier) ?? this.rows[0], side, offset: 0 };
  }

  private endPoint(end: LinkEnd): { x: number; y: number } {
    const region = this.regions[end.region];
    if (end.item) {
      const box = end.item.box;
      const y = Math.min(box.y + box.h - 6, Math.max(box.y + 6, box.y + box.h / 2 + end.offset));
      return { x: end.side === 'right' ? box.x + box.w : box.x, y };
    }
    const row = end.row!;
    return { x: end.side === 'right' ? region.x + region.width : region.x, y: row.y + row.height / 2 + end.offset };
  }

  private drawLink(planned: PlannedLink, index: number): string {
    const start = this.endPoint(planned.from);
    const end = this.endPoint(planned.to);
    const rightward = planned.to.region > planned.from.region;
    let d: string;
    let label: LabelBlock;
    if (planned.adjacent) {
      const gapIndex = Math.min(planned.from.region, planned.to.region);
      const left = this.regions[gapIndex];
      const gap = this.gaps[gapIndex];
      const channelLinks = this.links.filter((l) => !l.adjacent).length;
      const leftRoom = gap.leftRoutes ? 12 + channelLinks * ROUTE_SPACING : 0;
      const gapMid = left.x + left.width + leftRoom + REGION_GAP / 2;
      const sameGap = this.links.filter((l) => l.adjacent && Math.min(l.from.region, l.to.region) === Math.min(planned.from.region, planned.to.region));
      const rank = sameGap.indexOf(planned);
      const elbowX = gapMid + (rank - (sameGap.length - 1) / 2) * 10;
      d = Math.abs(start.y - end.y) < 0.5
        ? `M${num(start.x)},${num(start.y)} H${num(end.x)}`
        : `M${num(start.x)},${num(start.y)} H${num(elbowX)} V${num(end.y)} H${num(end.x)}`;
      label = labelBlock([planned.link.label], planned.style.colour, INK, REGION_GAP - 24, gapMid, (start.y + end.y) / 2);
      this.gapLabels.push(label);
    } else {
      const lane = planned.lane;
      const source = this.regions[planned.from.region];
      const target = this.regions[planned.to.region];
      // Deeper lanes run closer to the regions, so that no route crosses a shallower one.
      const channelLinks = this.links.filter((l) => !l.adjacent).length;
      const offset = 12 + (channelLinks - 1 - lane) * ROUTE_SPACING;
      const sourceGapX = rightward ? source.x + source.width + offset : source.x - offset;
      const targetGapX = rightward ? target.x - offset : target.x + target.width + offset;
      const channelY = this.channelTop + lane * this.channelLaneHeight + this.channelLaneHeight / 2;
      d = `M${num(start.x)},${num(start.y)} H${num(sourceGapX)} V${num(channelY)} H${num(targetGapX)} V${num(end.y)} H${num(end.x)}`;
      label = labelBlock([planned.link.label], planned.style.colour, INK, CHANNEL_LABEL_WIDTH, (sourceGapX + targetGapX) / 2, channelY);
      this.channelLabels.push(label);
    }
    const markerId = LINK_STYLES[planned.link.kind] ? `arrow-${planned.link.kind}` : 'arrow-other';
    const tooltip = `${LINK_KIND_LABELS[planned.link.kind] ?? planned.link.kind}: ${planned.link.label}\n`
      + `${planned.link.fromRegion}${planned.link.fromAddress ? ` ${planned.link.fromAddress}` : ''} → `
      + `${planned.link.toRegion}${planned.link.toAddress ? ` ${planned.link.toAddress}` : ''}`;
    return element('path', {
      'id': `link-${index}`, 'class': `link ${planned.link.kind}`, 'd': d, 'fill': 'none', 'stroke': planned.style.colour,
      'stroke-width': 2, 'stroke-dasharray': planned.style.dash, 'marker-end': `url(#${markerId})`,
    }, [titleElement(tooltip)]);
  }

  /** Labels in the same gap between two regions are pushed down until they no longer overlap. */
  private spreadLabels(labels: LabelBlock[]): void {
    const byColumn = new Map<number, LabelBlock[]>();
    for (const label of labels) byColumn.set(Math.round(label.cx), [...(byColumn.get(Math.round(label.cx)) ?? []), label]);
    for (const column of byColumn.values()) {
      const sorted = [...column].sort((a, b) => a.cy - b.cy);
      for (let i = 1; i < sorted.length; i++) {
        const previous = sorted[i - 1];
        const minCy = previous.cy + previous.height / 2 + 4 + sorted[i].height / 2;
        if (sorted[i].cy < minCy) sorted[i].cy = minCy;
      }
    }
  }

  // ---- legend ----

  private drawLegend(top: number): { markup: string; bottom: number } {
    const entries: LegendEntry[] = [];
    const sampleRegion = (primary: boolean): string => element('rect', {
      'x': 0, 'y': -8, 'width': 34, 'height': 16, 'rx': 4, 'fill': primary ? '#f5f9ff' : '#fafbfc',
      'stroke': primary ? '#0969da' : '#6e7781', 'stroke-width': primary ? 3 : 1.5,
    });
    entries.push({ sample: sampleRegion(true), label: 'primary region' });
    entries.push({ sample: sampleRegion(false), label: 'standby region' });
    entries.push({
      sample: element('rect', { 'x': 0, 'y': -8, 'width': 34, 'height': 16, 'rx': 4, 'fill': 'none', 'stroke': '#8c959f', 'stroke-dasharray': '5 4' }),
      label: this.topology.cloud === 'alicloud' ? 'zone (column)' : 'availability zone (column)',
    });
    for (const row of this.rows) {
      entries.push({
        sample: element('rect', { 'x': 0, 'y': -8, 'width': 34, 'height': 16, 'rx': 4, 'fill': row.style.fill, 'stroke': row.style.stroke, 'stroke-width': 1.5 }),
        label: `${TIER_ROW_LABELS[row.style.kind].toLowerCase()} resource`,
      });
    }
    if (this.topology.dns) {
      entries.push({ sample: lineSample(DNS_COLOUR, undefined, 'arrow-dns'), label: 'DNS answer, health-checked' });
      entries.push({ sample: lineSample(DNS_UNCHECKED_COLOUR, '6 4', 'arrow-dns-unchecked'), label: 'DNS answer, not health-checked' });
    }
    const kinds = Object.keys(LINK_STYLES).filter((kind) => this.links.some((l) => l.link.kind === kind));
    for (const kind of kinds) entries.push({ sample: lineSample(LINK_STYLES[kind].colour, LINK_STYLES[kind].dash, `arrow-${kind}`), label: LINK_KIND_LABELS[kind] });
    if (this.links.some((l) => !LINK_STYLES[l.link.kind])) entries.push({ sample: lineSample(UNKNOWN_LINK_STYLE.colour, UNKNOWN_LINK_STYLE.dash, 'arrow-other'), label: 'other link' });

    const parts: string[] = [textElement('Legend', { 'x': MARGIN, 'y': top + 14, 'font-size': 13, 'font-weight': 'bold', 'fill': INK })];
    let x = MARGIN;
    let y = top + 38;
    for (const entry of entries) {
      const width = 34 + 8 + textWidth(entry.label, 12) + 28;
      if (x > MARGIN && x + width > MARGIN + this.contentWidth) {
        x = MARGIN;
        y += 26;
      }
      parts.push(element('g', { transform: `translate(${num(x)},${num(y)})` }, [
        entry.sample,
        textElement(entry.label, { 'x': 42, 'y': 4, 'font-size': 12, 'fill': INK }),
      ]));
      x += width;
    }
    y += 20;
    const explanation = 'A box across several zone columns is regional or Multi-AZ (spans those zones); boxes stacked in one cell are separate resources. '
      + 'Hover a box for its full name and Terraform address.';
    for (const line of wrap(explanation, this.contentWidth, 11)) {
      y += 16;
      parts.push(textElement(line, { 'x': MARGIN, 'y': y, 'font-size': 11, 'fill': MUTED }));
    }
    return { markup: element('g', { id: 'legend' }, parts), bottom: y + 4 };
  }
}

// ---- layout helpers ----

/** One column width for every region: wide enough for the longest single-zone name, within bounds. */
function commonColumnWidth(regions: readonly TopologyRegion[]): number {
  let widest = 0;
  for (const region of regions) {
    for (const resource of region.resources ?? []) {
      if ((resource.zones ?? []).length === 1) widest = Math.max(widest, textWidth(resource.name ?? '', 12, true) + 2 * ZONE_INSET + 20);
    }
    for (const zone of region.zones ?? []) widest = Math.max(widest, textWidth(zone, 11, true) + 24);
  }
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest));
}

function layoutRegion(region: TopologyRegion, tiers: readonly TierStyle[], columnWidth: number): RegionLayout {
  const zones = region.zones ?? [];
  const resources = (region.resources ?? []).filter((r) => tiers.some((t) => t.kind === r.tier));
  const zoneIndexes = resources.flatMap((r) => validZones(r.zones));
  const columns = Math.max(zones.length, zoneIndexes.length ? Math.max(...zoneIndexes) + 1 : 0, 1);
  const zoneLabels = Array.from({ length: columns }, (_, i) => zones[i] ?? (zones.length === 0 && columns === 1 ? 'no zone listed' : `zone ${i + 1}`));
  const title = `${region.name} — ${region.role} (stack ${region.stack})`;
  const baseWidth = ROW_LABEL_WIDTH + columns * columnWidth + REGION_RIGHT_PAD;
  const titleWidth = Math.min(MAX_REGION_TITLE_WIDTH, textWidth(title, 14, true) + 24);
  const width = Math.max(baseWidth, titleWidth);
  const regionColumnWidth = (width - ROW_LABEL_WIDTH - REGION_RIGHT_PAD) / columns;
  const items: Item[] = [];
  for (const tier of tiers) {
    const inTier = resources.filter((r) => r.tier === tier.kind);
    const tierItems = tier.kind === 'network' ? networkItems(inTier, columns) : inTier.map((r, i) => resourceItem(r, columns, `${tier.kind}:${i}`));
    packLanes(tierItems);
    items.push(...tierItems);
  }
  return {
    region, columns, zoneLabels: zoneLabels.map((l) => truncate(l, regionColumnWidth - 16, 11, true)), columnWidth: regionColumnWidth, width,
    title: truncate(title, width - 24, 14, true), items, x: 0,
  };
}

function validZones(zones: readonly number[] | undefined): number[] {
  return (zones ?? []).filter((z) => Number.isInteger(z) && z >= 0 && z < 1000);
}

function zoneSpan(resource: TopologyResource, columns: number): { first: number; last: number } {
  const zones = validZones(resource.zones);
  if (zones.length === 0) return { first: 0, last: columns - 1 };
  return { first: Math.min(...zones), last: Math.max(...zones) };
}

function resourceItem(resource: TopologyResource, columns: number, key: string): Item {
  const tooltip = [resource.name, `${resource.address} (${resource.type})`, resource.detail].filter((l) => l).join('\n');
  return {
    key, tier: resource.tier, name: resource.name ?? resource.address, detail: resource.detail, tooltip,
    addresses: [resource.address], types: [resource.type ?? ''], ...zoneSpan(resource, columns), lane: 0, box: { x: 0, y: 0, w: 0, h: 0 },
  };
}

// Network resources are shown compactly: one box per resource type and zone span ("NAT gateway ×3").
function networkItems(resources: readonly TopologyResource[], columns: number): Item[] {
  const groups = new Map<string, TopologyResource[]>();
  for (const resource of resources) {
    const span = zoneSpan(resource, columns);
    const key = `${span.first}-${span.last}|${resource.type}`;
    groups.set(key, [...(groups.get(key) ?? []), resource]);
  }
  return [...groups.entries()].map(([key, group]) => {
    const single = group.length === 1;
    const name = single ? `${friendlyType(group[0].type)}: ${group[0].name}` : `${friendlyType(group[0].type)} ×${group.length}`;
    const tooltip = group.map((r) => `${r.name} — ${r.address}${r.detail ? ` (${r.detail})` : ''}`).join('\n');
    return {
      key: `network:${key}`, tier: 'network' as TierKind, name, tooltip, addresses: group.map((r) => r.address), types: group.map((r) => r.type),
      ...zoneSpan(group[0], columns), lane: 0, box: { x: 0, y: 0, w: 0, h: 0 },
    };
  });
}

const ACRONYMS = new Set(['nat', 'vpc', 'eip', 'snat', 'dnat', 'ip', 'igw', 'ecs', 'alb', 'nlb', 'rds']);

/** `aws_nat_gateway` -> `NAT gateway`. */
function friendlyType(type: string | undefined): string {
  const words = (type ?? 'resource').replace(/^(aws|alicloud)_/, '').split('_');
  return words.map((w) => (ACRONYMS.has(w) ? w.toUpperCase() : w)).join(' ');
}

/** Each item takes the lowest lane where no other item overlaps its zone columns (so same-zone items stack). */
function packLanes(items: Item[]): void {
  const lanes: Interval[][] = [];
  for (const item of items) {
    let lane = 0;
    while ((lanes[lane] ?? []).some((span) => span.from <= item.last && item.first <= span.to)) lane++;
    lanes[lane] = [...(lanes[lane] ?? []), { from: item.first, to: item.last }];
    item.lane = lane;
  }
}

function laneCount(items: readonly Item[], tier: TierKind): number {
  return items.filter((i) => i.tier === tier).reduce((max, i) => Math.max(max, i.lane + 1), 0);
}

/** The x nearest `preferred` within [lo, hi] that keeps clear of every blocked interval (falls back to `preferred`). */
function freeX(preferred: number, lo: number, hi: number, blocked: readonly Interval[]): number {
  const clear = (x: number): boolean => x >= lo && x <= hi && !blocked.some((b) => x > b.from - 6 && x < b.to + 6);
  const candidates = [preferred, ...blocked.flatMap((b) => [b.from - 8, b.to + 8])].filter(clear);
  if (candidates.length === 0) return Math.min(hi, Math.max(lo, preferred));
  return candidates.reduce((best, x) => (Math.abs(x - preferred) < Math.abs(best - preferred) ? x : best));
}

function subtitleOf(topology: Topology): string {
  const regions = topology.regions ?? [];
  const parts: string[] = [];
  const primary = regions.filter((r) => r.role === 'primary').map((r) => r.name);
  const standby = regions.filter((r) => r.role !== 'primary').map((r) => r.name);
  parts.push(`${regions.length} region${regions.length === 1 ? '' : 's'}`);
  if (primary.length) parts.push(`primary ${primary.join(', ')}`);
  if (standby.length) parts.push(`standby ${standby.join(', ')}`);
  if (topology.dns) parts.push(`${topology.dns.routing} DNS`);
  if ((topology.otherStacks ?? []).length) parts.push(`other stacks: ${topology.otherStacks.join(', ')}`);
  return parts.join(' · ');
}

function dnsBoxWidth(lines: readonly { text: string; size: number; bold: boolean }[]): number {
  return Math.max(300, ...lines.map((l) => textWidth(l.text, l.size, l.bold) + 40));
}

/** A label on a line: each paragraph of `text` wrapped to `maxWidth` (padding included), centred on (cx, cy). */
function labelBlock(text: string[], border: string, textColour: string, maxWidth: number, cx: number, cy: number): LabelBlock {
  const wrapped = text.flatMap((paragraph) => wrap(paragraph, maxWidth - 14, LINK_LABEL_FONT));
  const lines = wrapped.length ? wrapped : ['(no label)'];
  const width = Math.min(maxWidth, Math.max(...lines.map((l) => textWidth(l, LINK_LABEL_FONT))) + 14);
  return { lines, width, height: lines.length * LABEL_LINE_HEIGHT + 8, cx, cy, border, textColour };
}

function drawLabel(label: LabelBlock): string {
  const top = label.cy - label.height / 2;
  const parts = [element('rect', {
    'x': label.cx - label.width / 2, 'y': top, 'width': label.width, 'height': label.height, 'rx': 4,
    'fill': '#ffffff', 'fill-opacity': 0.95, 'stroke': label.border, 'stroke-width': 1,
  })];
  label.lines.forEach((line, i) => parts.push(textElement(line, {
    'x': label.cx, 'y': top + 4 + (i + 1) * LABEL_LINE_HEIGHT - 3, 'text-anchor': 'middle', 'font-size': LINK_LABEL_FONT, 'fill': label.textColour,
  })));
  return element('g', { class: 'label' }, parts);
}

function lineSample(colour: string, dash: string | undefined, marker: string): string {
  return element('path', {
    'd': 'M0,0 H34', 'fill': 'none', 'stroke': colour, 'stroke-width': 2, 'stroke-dasharray': dash, 'marker-end': `url(#${marker})`,
  });
}
