import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Testing, TerraformOutput, TerraformStack } from 'cdktf';
import { CertificateKeyAlgorithm, DnsValidatedCertificate, DnsValidatedCertificateProps } from '../../lib/aws/certificate';
import { testWithTerraform, validateStackJson } from '../util/terraform';

function synth(props: DnsValidatedCertificateProps): { out: string; parsed: any } {
  const app = Testing.app();
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  const certificate = new DnsValidatedCertificate(stack, 'Cert', props);
  new TerraformOutput(stack, 'certificate_arn', { value: certificate.certificateArn });
  const out = Testing.synth(stack);
  return { out, parsed: JSON.parse(out) };
}

function only(parsed: any, kind: 'resource' | 'data', type: string): any {
  const all = Object.values(parsed[kind][type] ?? {}) as any[];
  expect(all).toHaveLength(1);
  return all[0];
}

const base: DnsValidatedCertificateProps = { zoneName: 'example.com', domainName: 'shop.example.com' };

describe('aws.DnsValidatedCertificate', () => {
  test('looks up the public hosted zone by name', () => {
    const { parsed } = synth(base);
    expect(only(parsed, 'data', 'aws_route53_zone')).toEqual({ name: 'example.com', private_zone: false });
  });

  test('requests a DNS-validated RSA-2048 certificate that is replaced before it is destroyed', () => {
    const { parsed } = synth({ ...base, subjectAlternativeNames: ['*.shop.example.com', 'example.com'] });
    expect(only(parsed, 'resource', 'aws_acm_certificate')).toEqual({
      domain_name: 'shop.example.com',
      subject_alternative_names: ['*.shop.example.com', 'example.com'],
      validation_method: 'DNS',
      key_algorithm: 'RSA_2048',
      lifecycle: { create_before_destroy: true },
    });
  });

  test('uses the key algorithm given', () => {
    const { parsed } = synth({ ...base, keyAlgorithm: CertificateKeyAlgorithm.EC_PRIME256V1 });
    expect(only(parsed, 'resource', 'aws_acm_certificate').key_algorithm).toBe('EC_prime256v1');
  });

  test('writes one validation record per domain_validation_options element (for_each over the set)', () => {
    const { parsed } = synth(base);
    const record = only(parsed, 'resource', 'aws_route53_record');
    const certificateName = Object.keys(parsed.resource.aws_acm_certificate)[0];
    const zoneName = Object.keys(parsed.data.aws_route53_zone)[0];
    expect(record.for_each).toBe(
      `\${{ for key, val in tolist(aws_acm_certificate.${certificateName}.domain_validation_options): val.domain_name => val }}`,
    );
    expect(record).toMatchObject({
      name: '${each.value.resource_record_name}',
      type: '${each.value.resource_record_type}',
      records: ['${each.value.resource_record_value}'],
      ttl: 60,
      allow_overwrite: true,
      zone_id: `\${data.aws_route53_zone.${zoneName}.zone_id}`,
    });
  });

  test('waits for validation through every record, and exposes the validated ARN', () => {
    const { parsed } = synth(base);
    const validation = only(parsed, 'resource', 'aws_acm_certificate_validation');
    const certificateName = Object.keys(parsed.resource.aws_acm_certificate)[0];
    const recordName = Object.keys(parsed.resource.aws_route53_record)[0];
    expect(validation).toEqual({
      certificate_arn: `\${aws_acm_certificate.${certificateName}.arn}`,
      validation_record_fqdns: `\${[ for key, val in aws_route53_record.${recordName}: val.fqdn]}`,
    });
    const validationName = Object.keys(parsed.resource.aws_acm_certificate_validation)[0];
    expect(parsed.output.certificate_arn.value).toBe(`\${aws_acm_certificate_validation.${validationName}.certificate_arn}`);
  });

  test('accepts the apex, wildcards, upper case and a trailing dot', () => {
    expect(() => synth({ zoneName: 'Example.com.', domainName: 'EXAMPLE.COM', subjectAlternativeNames: ['*.example.com', 'a.b.example.com.'] })).not.toThrow();
  });

  describe('rejects bad input', () => {
    test.each<[string, Partial<DnsValidatedCertificateProps> & Record<string, unknown>, RegExp]>([
      ['a domain outside the zone', { domainName: 'shop.example.org' }, /domainName \("shop\.example\.org"\) must be the zone "example\.com" or a name inside it/],
      ['a domain that only ends like the zone', { domainName: 'badexample.com' }, /domainName \("badexample\.com"\) must be the zone/],
      ['a SAN outside the zone', { subjectAlternativeNames: ['ok.example.com', 'other.net'] }, /subjectAlternativeNames\[1\] \("other\.net"\) must be the zone/],
      ['a malformed domain', { domainName: 'shop..example.com' }, /domainName \("shop\.\.example\.com"\) must be a DNS name/],
      ['a wildcard in the middle', { domainName: 'a.*.example.com' }, /domainName .* must be a DNS name/],
      ['a malformed zone', { zoneName: 'exa mple.com' }, /zoneName \("exa mple\.com"\) must be a DNS zone name/],
      ['an unknown key algorithm', { keyAlgorithm: 'RSA_1024' as any }, /keyAlgorithm \("RSA_1024"\) must be one of/],
      ['more than 100 names', { subjectAlternativeNames: Array.from({ length: 100 }, (_, i) => `n${i}.example.com`) }, /subjectAlternativeNames \(100 names\) must be a list of at most 99 names/],
      ['an unknown prop', { domainNames: ['x.example.com'] }, /domainNames is not a known prop/],
    ])('%s', (_name, override, message) => {
      expect(() => synth({ ...base, ...override } as DnsValidatedCertificateProps)).toThrow(message);
    });

    test('names the construct and reports every problem at once', () => {
      expect(() => synth({ zoneName: 'example.com', domainName: 'a.example.org', subjectAlternativeNames: ['b.example.net'] }))
        .toThrow(/^Invalid aws\.DnsValidatedCertificate "Cert": domainName .*; subjectAlternativeNames\[0\] /);
    });
  });

  testWithTerraform('passes terraform validate', () => {
    const { out } = synth({ ...base, subjectAlternativeNames: ['*.shop.example.com'] });
    expect(validateStackJson(out)).toEqual([]);
  });
});
