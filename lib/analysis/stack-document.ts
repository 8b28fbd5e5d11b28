// One synthesized stack as `cdktf synth` writes it (`cdk.tf.json`): the form every analysis reads, so
// the rules and the report judge the Terraform that is deployed, also resources a user wrote by hand.
import { asList, PolicyContext, PolicySubject } from './policy-rule';

/** The parts of a synthesized stack the analysis reads. */
export interface TerraformJson {
  readonly resource?: { readonly [type: string]: { readonly [name: string]: any } };
  readonly data?: { readonly [type: string]: { readonly [name: string]: any } };
  readonly provider?: { readonly [type: string]: any };
  readonly output?: { readonly [name: string]: any };
  readonly variable?: { readonly [name: string]: any };
  readonly terraform?: any;
  readonly [key: string]: any;
}

/** A synthesized stack: its name (the cdktf stack id) and its Terraform JSON. */
export interface StackDocument {
  readonly name: string;
  readonly json: TerraformJson;
}

/** Every resource of a stack, in the order of the JSON. */
export function resourcesOf(doc: StackDocument): PolicySubject[] {
  const result: PolicySubject[] = [];
  for (const [type, byName] of Object.entries(doc.json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName ?? {})) result.push({ type, address: `${type}.${name}`, config: config ?? {} });
  }
  return result;
}

/** The regions the stack's providers are configured for (AWS and Alibaba Cloud providers). */
export function providerRegions(doc: StackDocument): string[] {
  const regions: string[] = [];
  for (const type of ['aws', 'alicloud']) {
    for (const block of asList(doc.json.provider?.[type])) {
      if (typeof block?.region === 'string') regions.push(block.region);
    }
  }
  return regions;
}

/** The cloud of a stack by its providers, undefined when it has neither. */
export function providerCloud(doc: StackDocument): 'aws' | 'alicloud' | undefined {
  if (doc.json.provider?.aws) return 'aws';
  if (doc.json.provider?.alicloud) return 'alicloud';
  return undefined;
}

/** The region of a stack: its default (un-aliased) provider's region, else its first. */
export function stackRegion(doc: StackDocument): string | undefined {
  for (const type of ['aws', 'alicloud']) {
    const blocks = asList(doc.json.provider?.[type]);
    const main = blocks.find((b) => !b?.alias && typeof b?.region === 'string');
    if (main) return main.region;
  }
  return providerRegions(doc)[0];
}

/** The {@link PolicyContext} of one stack of a deployment. */
export function contextOf(doc: StackDocument, regionCount: number): PolicyContext {
  const byType = new Map<string, PolicySubject[]>();
  for (const subject of resourcesOf(doc)) {
    const list = byType.get(subject.type) ?? [];
    list.push(subject);
    byType.set(subject.type, list);
  }
  return {
    regionCount,
    resourcesOfType: (type) => byType.get(type) ?? [],
    dataSource: (address) => {
      const [, type, name] = address.split('.');
      return doc.json.data?.[type]?.[name];
    },
  };
}

/** The number of distinct provider regions over the stacks. */
export function regionCountOf(docs: readonly StackDocument[]): number {
  return new Set(docs.flatMap(providerRegions)).size;
}
