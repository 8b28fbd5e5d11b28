import { LINK_KIND_LABELS, renderArchitectureSvg, TIER_ROW_LABELS } from '../../lib/analysis/diagram';
import { renderPng } from '../../lib/analysis/png';
import { escapeXml, truncate, wrap } from '../../lib/analysis/svg';
import { Topology, TopologyRegion, TopologyResource } from '../../lib/analysis/topology';
import { all, parseXml, texts } from '../util/xml';

/** The outline of each region, in drawing order: the first rect of each `<g class="region ...">`. */
function regionRects(svg: string): { x: number; y: number; width: number; height: number; strokeWidth: number }[] {
  return all(parseXml(svg), 'g').filter((g) => /^region /.test(g.attrs.class ?? '')).map((g) => {
    const rect = g.children.find((c) => c.name === 'rect')!;
    return { x: Number(rect.attrs.x), y: Number(rect.attrs.y), width: Number(rect.attrs.width), height: Number(rect.attrs.height), strokeWidth: Number(rect.attrs['stroke-width']) };
  });
}

/** The box of each resource (by its tooltip's first line). */
function resourceBoxes(svg: string): { name: string; tooltip: string; x: number; y: number; width: number }[] {
  return all(parseXml(svg), 'g').filter((g) => /^resource /.test(g.attrs.class ?? '')).map((g) => {
    const tooltip = g.children.find((c) => c.name === 'title')!.text;
    const rect = g.children.find((c) => c.name === 'rect')!;
    return { name: tooltip.split('\n')[0], tooltip, x: Number(rect.attrs.x), y: Number(rect.attrs.y), width: Number(rect.attrs.width) };
  });
}

// ---- fixtures ----

function resource(address: string, name: string, tier: TopologyResource['tier'], zones: number[], detail?: string): TopologyResource {
  return { address, type: address.split('.')[0], name, tier, zones, detail };
}

function awsRegion(name: string, role: 'primary' | 'standby', zoneCount = 3): TopologyRegion {
  const zones = Array.from({ length: zoneCount }, (_, i) => `zone ${i + 1}`);
  return {
    name, role, stack: `shop-${name}`, stacks: [`shop-${name}`], zones,
    resources: [
      resource(`aws_lb.Lb_${name}`, `shop-${name}-alb`, 'load-balancer', [], 'ALB · HTTPS'),
      resource(`aws_autoscaling_group.App_${name}`, `shop-${name}-app`, 'app', [], 'min 2 / max 6'),
      resource(`aws_db_instance.Db_${name}`, `shop-${name}-db`, 'database', role === 'primary' ? [0, 1] : [1], role === 'primary' ? 'Multi-AZ' : 'replica'),
      resource(`aws_s3_bucket.Backup_${name}`, `shop-${name}-backups`, 'backup', []),
      resource(`aws_backup_vault.Vault_${name}`, `shop-${name}-vault`, 'backup', [], 'daily, 35 days'),
    ],
  };
}

const oneRegion: Topology = { cloud: 'aws', regions: [awsRegion('eu-west-1', 'primary')], links: [], otherStacks: [] };

const twoRegions: Topology = {
  cloud: 'aws',
  regions: [awsRegion('us-east-1', 'primary'), awsRegion('us-west-2', 'standby')],
  links: [
    { kind: 'database-replication', fromRegion: 'us-east-1', fromAddress: 'aws_db_instance.Db_us-east-1', toRegion: 'us-west-2', toAddress: 'aws_db_instance.Db_us-west-2', label: 'RDS cross-region read replica' },
    { kind: 'object-replication', fromRegion: 'us-east-1', toRegion: 'us-west-2', label: 'S3 replication (RTC)' },
    { kind: 'backup-copy', fromRegion: 'us-east-1', toRegion: 'us-west-2', label: 'AWS Backup copy' },
  ],
  dns: {
    name: 'shop.example.com', stack: 'shop-global', routing: 'failover', checkIntervalSeconds: 10, failureThreshold: 3, ttlSeconds: 60,
    targets: [
      { region: 'us-east-1', role: 'PRIMARY', healthChecked: true, address: 'aws_route53_record.Primary' },
      { region: 'us-west-2', role: 'SECONDARY', healthChecked: false, address: 'aws_route53_record.Secondary' },
    ],
  },
  otherStacks: ['shop-global'],
};

const alicloud: Topology = {
  cloud: 'alicloud',
  regions: ['cn-hangzhou', 'cn-shanghai'].map((name, i): TopologyRegion => ({
    name, role: i === 0 ? 'primary' : 'standby', stack: `shop-${name}`, stacks: [`shop-${name}`], zones: [`${name}-h`, `${name}-i`, `${name}-j`],
    resources: [
      resource(`alicloud_alb_load_balancer.Alb_${i}`, `shop-alb-${i}`, 'load-balancer', []),
      resource(`alicloud_ess_scaling_group.App_${i}`, `shop-app-${i}`, 'app', []),
      resource(`alicloud_db_instance.Db_${i}`, `shop-rds-${i}`, 'database', i === 0 ? [0, 1] : [0], i === 0 ? 'Multi-AZ (High-availability edition)' : 'disaster-recovery instance'),
      resource(`alicloud_oss_bucket.Backup_${i}`, `shop-backup-${i}`, 'backup', []),
      ...[0, 1, 2].map((z) => resource(`alicloud_nat_gateway.Nat${z}_${i}`, `nat-${name}-${z}`, 'network', [z])),
    ],
  })),
  links: [{ kind: 'object-replication', fromRegion: 'cn-hangzhou', toRegion: 'cn-shanghai', label: 'OSS cross-region replication' }],
  dns: {
    name: 'shop.example.cn', stack: 'shop-global', routing: 'failover', checkIntervalSeconds: 60, failureThreshold: 2,
    targets: [
      { region: 'cn-hangzhou', role: 'PRIMARY', healthChecked: true, address: 'alicloud_alidns_gtm_address_pool.Primary' },
      { region: 'cn-shanghai', role: 'SECONDARY', healthChecked: true, address: 'alicloud_alidns_gtm_address_pool.Secondary' },
    ],
  },
  otherStacks: [],
};

const fiveRegionNames = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'sa-east-1'];
const fiveRegions: Topology = {
  cloud: 'aws',
  regions: fiveRegionNames.map((name, i) => {
    const region = awsRegion(name, i === 0 ? 'primary' : 'standby', 6);
    const perZone = region.zones.map((_, z) => resource(`aws_instance.App_${z}_${name}`, `app-${name}-${z}`, 'app', [z], 't3.large'));
    return { ...region, resources: [...region.resources, ...perZone] };
  }),
  links: fiveRegionNames.slice(1).map((name) => ({ kind: 'database-replication' as const, fromRegion: 'us-east-1', toRegion: name, label: `read replica in ${name}` })),
  dns: {
    name: 'app.example.org', stack: 'global', routing: 'latency',
    targets: fiveRegionNames.map((region) => ({ region, role: 'latency', healthChecked: true, address: `aws_route53_record.${region}` })),
  },
  otherStacks: ['global'],
};

const weirdName = `<script>alert("x&y")</script> it's a very, very long bucket name that never seems to end`;
const weird: Topology = {
  cloud: 'aws',
  regions: [
    {
      name: 'eu-central-1', role: 'primary', stack: `a&b<c>"d'e`, stacks: [`a&b<c>"d'e`], zones: ['z<1>', 'z&2'],
      resources: [
        resource('aws_s3_bucket.Weird', weirdName, 'backup', [1]),
        resource('aws_db_instance.Ctrl', 'db\u0001name\u0007', 'database', [0, 7], 'Multi-AZ & <encrypted>'),
      ],
    },
    { name: 'eu-north-1', role: 'standby', stack: 'empty', stacks: ['empty'], zones: [], resources: [] },
  ],
  links: [
    { kind: 'backup-copy', fromRegion: 'eu-central-1', toRegion: 'eu-north-1', label: 'copy <daily> & "weekly"' },
    { kind: 'backup-copy', fromRegion: 'eu-central-1', toRegion: 'mars-1', label: 'to nowhere' },
  ],
  otherStacks: [],
};

// ---- tests ----

describe('renderArchitectureSvg', () => {
  test.each([
    ['one region', oneRegion], ['two regions', twoRegions], ['alicloud', alicloud], ['five regions', fiveRegions], ['weird names', weird],
    ['no region', { cloud: 'aws', regions: [], links: [], otherStacks: [] } as Topology],
  ])('%s: a well-formed standalone SVG 1.1 document', (_, topology) => {
    const svg = renderArchitectureSvg(topology);
    const root = parseXml(svg);
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.version).toBe('1.1');
    const width = Number(root.attrs.width);
    const height = Number(root.attrs.height);
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
    expect(root.attrs.viewBox).toBe(`0 0 ${width} ${height}`);
    expect(root.attrs['font-family']).toMatch(/, sans-serif$/);
    // Readable at 100%: no text under 11 px.
    const sizes = [root, ...all(root, 'text')].map((n) => n.attrs['font-size']).filter((s) => s !== undefined).map(Number);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
    // Everything drawn lies inside the canvas.
    for (const rect of all(root, 'rect')) {
      expect(Number(rect.attrs.x) + Number(rect.attrs.width)).toBeLessThanOrEqual(width);
      expect(Number(rect.attrs.y) + Number(rect.attrs.height)).toBeLessThanOrEqual(height);
    }
  });

  test('one region, three zones: region, zones, tier rows and resources as text; no DNS noted', () => {
    const svg = renderArchitectureSvg(oneRegion);
    const shown = texts(svg);
    expect(shown).toContain('eu-west-1 — primary (stack shop-eu-west-1)');
    expect(shown).toEqual(expect.arrayContaining(['zone 1', 'zone 2', 'zone 3']));
    expect(shown).toEqual(expect.arrayContaining(['Load balancer', 'App', 'Database', 'Backup']));
    expect(shown).not.toContain(TIER_ROW_LABELS.network);
    for (const res of oneRegion.regions[0].resources) expect(shown).toContain(res.name);
    expect(shown).toEqual(expect.arrayContaining(['ALB · HTTPS', 'min 2 / max 6', 'Multi-AZ', 'daily, 35 days']));
    expect(shown.some((t) => /No DNS name/.test(t))).toBe(true);
  });

  test('tier rows in the order load balancer, app, database, backup', () => {
    const shown = texts(renderArchitectureSvg(oneRegion));
    const order = ['Load balancer', 'App', 'Database', 'Backup'].map((label) => shown.indexOf(label));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const boxes = resourceBoxes(renderArchitectureSvg(oneRegion));
    const y = (name: string): number => boxes.find((b) => b.name === name)!.y;
    expect(y('shop-eu-west-1-alb')).toBeLessThan(y('shop-eu-west-1-app'));
    expect(y('shop-eu-west-1-app')).toBeLessThan(y('shop-eu-west-1-db'));
    expect(y('shop-eu-west-1-db')).toBeLessThan(y('shop-eu-west-1-backups'));
  });

  test('zone spans: regional resources span every column, Multi-AZ spans its zones, one-zone resources sit in their column', () => {
    const svg = renderArchitectureSvg(twoRegions);
    const boxes = resourceBoxes(svg);
    const box = (name: string) => boxes.find((b) => b.name === name)!;
    const alb = box('shop-us-east-1-alb');
    const multiAz = box('shop-us-east-1-db');
    const replica = box('shop-us-west-2-db');
    expect(multiAz.x).toBeCloseTo(alb.x, 0);
    expect(multiAz.width).toBeGreaterThan(alb.width * 0.6);
    expect(multiAz.width).toBeLessThan(alb.width * 0.7);
    const standbyAlb = box('shop-us-west-2-alb');
    expect(replica.x).toBeGreaterThan(standbyAlb.x + standbyAlb.width / 3 - 20);
    expect(replica.width).toBeLessThan(standbyAlb.width * 0.34);
  });

  test('two regions: primary first and highlighted, DNS with failover, health check and answers, link labels', () => {
    const svg = renderArchitectureSvg(twoRegions);
    const shown = texts(svg);
    expect(shown).toContain('us-east-1 — primary (stack shop-us-east-1)');
    expect(shown).toContain('us-west-2 — standby (stack shop-us-west-2)');
    const [primary, standby] = regionRects(svg);
    expect(primary.x).toBeLessThan(standby.x);
    expect(primary.strokeWidth).toBeGreaterThan(standby.strokeWidth);

    expect(shown).toContain('shop.example.com');
    expect(shown).toContain('Route 53 · failover routing');
    expect(shown.some((t) => t.includes('health check every 10 s × 3 failures') && t.includes('TTL 60 s'))).toBe(true);
    expect(shown).toEqual(expect.arrayContaining(['PRIMARY', 'SECONDARY', '⚠ not health-checked']));
    expect(shown.filter((t) => /not health-checked/.test(t) && !/DNS answer/.test(t))).toHaveLength(1);

    for (const link of twoRegions.links) expect(shown.join(' ')).toContain(link.label);
    for (const kind of ['database-replication', 'backup-copy', 'object-replication']) expect(shown).toContain(LINK_KIND_LABELS[kind]);
    expect(shown).toContain('Legend');
  });

  test('links: dashed, one colour per kind, arrow heads, anchored on the linked boxes', () => {
    const root = parseXml(renderArchitectureSvg(twoRegions));
    const links = all(root, 'path').filter((p) => /^link /.test(p.attrs.class ?? ''));
    expect(links).toHaveLength(3);
    expect(new Set(links.map((l) => l.attrs.stroke)).size).toBe(3);
    for (const link of links) {
      expect(link.attrs['stroke-dasharray']).toBeDefined();
      expect(link.attrs['marker-end']).toMatch(/^url\(#arrow-/);
    }
    const boxes = resourceBoxes(renderArchitectureSvg(twoRegions));
    const replication = links.find((l) => l.attrs.class === 'link database-replication')!;
    const [, startX, startY] = replication.attrs.d.match(/^M([\d.]+),([\d.]+)/)!.map(Number);
    const source = boxes.find((b) => b.name === 'shop-us-east-1-db')!;
    expect(startX).toBeCloseTo(source.x + source.width, 0);
    expect(startY).toBeGreaterThan(source.y);
    // Without addresses, a backup copy runs between the vaults and an object replication between the buckets.
    const endOf = (kind: string): number[] => {
      const d = links.find((l) => l.attrs.class === `link ${kind}`)!.attrs.d;
      return [Number(d.match(/H([\d.]+)$/)![1])];
    };
    const standbyBoxes = boxes.filter((b) => b.name.startsWith('shop-us-west-2'));
    expect(endOf('backup-copy')[0]).toBeCloseTo(standbyBoxes.find((b) => b.name.endsWith('vault'))!.x, 0);
    expect(endOf('object-replication')[0]).toBeCloseTo(standbyBoxes.find((b) => b.name.endsWith('backups'))!.x, 0);
  });

  test('alicloud: zone names as column labels, GTM, network row with one NAT box per zone', () => {
    const svg = renderArchitectureSvg(alicloud);
    const shown = texts(svg);
    for (const region of alicloud.regions) for (const zone of region.zones) expect(shown).toContain(zone);
    expect(shown).toContain('Alibaba Cloud DNS GTM · failover routing');
    expect(shown).toContain('Resilience architecture — Alibaba Cloud');
    expect(shown).toContain(TIER_ROW_LABELS.network);
    const natBoxes = resourceBoxes(svg).filter((b) => b.tooltip.includes('alicloud_nat_gateway'));
    expect(natBoxes).toHaveLength(6);
    expect(new Set(natBoxes.map((b) => b.y)).size).toBe(1);
    expect(shown.filter((t) => t.startsWith('NAT gateway'))).toHaveLength(6);
    expect(shown.join(' ')).toContain('OSS cross-region replication');
    expect(shown).toContain('Multi-AZ (High-availability edition)');
  });

  test('network resources of one type and zone are grouped into one compact box', () => {
    const region = awsRegion('eu-west-1', 'primary');
    const subnets = [0, 1, 2].flatMap((z) => ['public', 'private'].map((tier) => resource(`aws_subnet.${tier}${z}`, `${tier}-${z}`, 'network', [z])));
    const svg = renderArchitectureSvg({ ...oneRegion, regions: [{ ...region, resources: [...region.resources, ...subnets] }] });
    const shown = texts(svg);
    expect(shown.filter((t) => t === 'subnet ×2')).toHaveLength(3);
    const tooltips = resourceBoxes(svg).filter((b) => b.tooltip.includes('aws_subnet')).map((b) => b.tooltip);
    expect(tooltips[0]).toContain('public-0');
    expect(tooltips[0]).toContain('private-0');
  });

  test('five regions × six zones: side by side without overlap, primary first, every name, width grows', () => {
    const svg = renderArchitectureSvg(fiveRegions);
    const rects = regionRects(svg);
    expect(rects).toHaveLength(5);
    for (let i = 1; i < rects.length; i++) {
      expect(rects[i].x).toBeGreaterThanOrEqual(rects[i - 1].x + rects[i - 1].width + 20);
      expect(rects[i].y).toBe(rects[0].y);
      expect(rects[i].height).toBe(rects[0].height);
    }
    const shown = texts(svg);
    fiveRegionNames.forEach((name, i) => expect(shown.some((t) => t.startsWith(`${name} — ${i === 0 ? 'primary' : 'standby'}`))).toBe(true));
    expect(shown.filter((t) => /^zone [1-6]$/.test(t))).toHaveLength(30);
    for (const region of fiveRegions.regions) for (const res of region.resources) expect(shown).toContain(res.name);
    for (const link of fiveRegions.links) expect(shown.join(' ')).toContain(link.label);
    expect(shown.filter((t) => t === 'latency')).toHaveLength(5);
    const width = (svgText: string): number => Number(parseXml(svgText).attrs.width);
    expect(width(svg)).toBeGreaterThan(2 * width(renderArchitectureSvg(twoRegions)));
  });

  test('several resources of one tier and zone stack vertically and the row grows', () => {
    const region = awsRegion('eu-west-1', 'primary');
    const stacked = [0, 1].map((i) => resource(`aws_instance.Worker${i}`, `worker-${i}`, 'app', [2]));
    const svg = renderArchitectureSvg({ ...oneRegion, regions: [{ ...region, resources: [...region.resources, ...stacked] }] });
    const [a, b] = ['worker-0', 'worker-1'].map((n) => resourceBoxes(svg).find((box) => box.name === n)!);
    expect(a.x).toBe(b.x);
    expect(b.y).toBeGreaterThan(a.y + 40);
    expect(regionRects(svg)[0].height).toBeGreaterThan(regionRects(renderArchitectureSvg(oneRegion))[0].height + 80);
  });

  test('special characters are escaped; long names truncated with the full name and address in the tooltip', () => {
    const svg = renderArchitectureSvg(weird);
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;script&gt;alert(&quot;x&amp;y&quot;)&lt;/script&gt;');
    expect(svg).not.toMatch(/[\u0001\u0007]/);
    const shown = texts(svg);
    expect(shown).toContain(`eu-central-1 — primary (stack a&b<c>"d'e)`);
    expect(shown).toEqual(expect.arrayContaining(['z<1>', 'z&2', 'Multi-AZ & <encrypted>', 'dbname']));
    expect(shown.join(' ')).toContain('copy <daily> & "weekly"');
    const bucket = shown.find((t) => t.startsWith('<script>'))!;
    expect(bucket.endsWith('…')).toBe(true);
    expect(weirdName.startsWith(bucket.slice(0, -1))).toBe(true);
    const tooltip = resourceBoxes(svg).find((b) => b.tooltip.includes('aws_s3_bucket.Weird'))!.tooltip;
    expect(tooltip).toContain(weirdName);
  });

  test('odd topologies: a region without resources or zones, a link to an unknown region, out-of-range zones', () => {
    const svg = renderArchitectureSvg(weird);
    const shown = texts(svg);
    expect(shown).toContain('eu-north-1 — standby (stack empty)');
    expect(shown).toContain('no zone listed');
    expect(shown.filter((t) => t === 'none').length).toBeGreaterThanOrEqual(4);
    expect(shown.some((t) => t.includes('to nowhere') && t.includes('mars-1'))).toBe(true);
    // zones [0, 7] of a two-zone region: columns are added up to zone 8 rather than failing.
    expect(shown).toContain('zone 8');
  });

  test('a DNS answer for a region without a load balancer points at the region; an unknown region is listed', () => {
    const topology: Topology = {
      cloud: 'aws',
      regions: [awsRegion('us-east-1', 'primary'), { name: 'us-west-2', role: 'standby', stack: 's', stacks: ['s'], zones: ['a'], resources: [] }],
      links: [],
      dns: {
        name: 'x.example.com', stack: 'g', routing: 'weighted',
        targets: [
          { region: 'us-east-1', role: 'weighted', healthChecked: true, address: 'r1' },
          { region: 'us-west-2', role: 'weighted', healthChecked: true, address: 'r2' },
          { region: 'eu-west-9', role: 'weighted', healthChecked: false, address: 'r3' },
        ],
      },
      otherStacks: [],
    };
    const root = parseXml(renderArchitectureSvg(topology));
    const dnsArrows = all(root, 'path').filter((p) => /^url\(#arrow-dns/.test(p.attrs['marker-end'] ?? '') && /^M/.test(p.attrs.d) && p.attrs.d !== 'M0,0 H34');
    expect(dnsArrows).toHaveLength(2);
    const standby = regionRects(renderArchitectureSvg(topology))[1];
    expect(Number(dnsArrows[1].attrs.d.match(/V([\d.]+)$/)![1])).toBe(standby.y);
    expect(all(root, 'text').map((t) => t.text)).toContain('also answers eu-west-9 (weighted), not in this picture');
  });

  test('deterministic: the same topology gives the same bytes', () => {
    for (const topology of [twoRegions, fiveRegions, weird]) {
      expect(renderArchitectureSvg(JSON.parse(JSON.stringify(topology)))).toBe(renderArchitectureSvg(topology));
    }
  });

  test('svg helpers: escaping, truncation, wrapping', () => {
    expect(escapeXml(`a&b<c>"d'e\u0000`)).toBe('a&amp;b&lt;c&gt;&quot;d&apos;e');
    expect(truncate('short', 100, 12)).toBe('short');
    const cut = truncate('a-very-long-resource-name-indeed', 80, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThan(20);
    expect(truncate('😀😀😀😀😀😀😀😀😀😀', 40, 12)).not.toMatch(/[\uD800-\uDBFF]…/);
    expect(wrap('RDS cross-region read replica', 100, 11)).toEqual(['RDS cross-region', 'read replica']);
  });
});

describe('renderPng', () => {
  let resvgLoads = true;
  try {
    require('@resvg/resvg-js');
  } catch (e) {
    resvgLoads = false;
    console.log(`skipping PNG rendering: @resvg/resvg-js cannot load (${(e as Error).message})`);
  }
  const pngTest = resvgLoads ? test : test.skip;

  pngTest('renders a PNG of the requested width, and of the SVG width by default', () => {
    const svg = renderArchitectureSvg(twoRegions);
    const png = renderPng(svg, 800);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(800);
    const original = renderPng(svg);
    expect(original.readUInt32BE(16)).toBe(Math.round(Number(parseXml(svg).attrs.width)));
  });

  test('rejects a width that is not a positive integer', () => {
    const svg = renderArchitectureSvg(oneRegion);
    if (!resvgLoads) return;
    expect(() => renderPng(svg, 0)).toThrow(/width \(0\)/);
    expect(() => renderPng(svg, 10.5)).toThrow(/width/);
  });

  test('says how to install @resvg/resvg-js when it is missing', () => {
    jest.isolateModules(() => {
      jest.doMock('@resvg/resvg-js', () => {
        throw new Error("Cannot find module '@resvg/resvg-js'");
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { renderPng: isolatedRenderPng } = require('../../lib/analysis/png') as typeof import('../../lib/analysis/png');
      expect(() => isolatedRenderPng('<svg xmlns="http://www.w3.org/2000/svg"/>')).toThrow(/install @resvg\/resvg-js to render PNG/);
    });
    jest.dontMock('@resvg/resvg-js');
  });
});
