import { AcmCertificate } from '@cdktf/provider-aws/lib/acm-certificate';
import { AcmCertificateValidation } from '@cdktf/provider-aws/lib/acm-certificate-validation';
import { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { TerraformIterator, Token } from 'cdktf';
import { Construct } from 'constructs';
import { ProblemCollector, show } from '../core/problems';

/** Key algorithm of an ACM public certificate (the ones ACM issues with DNS validation). */
export enum CertificateKeyAlgorithm {
  /** RSA with a 2048-bit key: every client can use it. */
  RSA_2048 = 'RSA_2048',
  /** ECDSA on the P-256 curve: smaller and faster handshakes; some old clients lack it. */
  EC_PRIME256V1 = 'EC_prime256v1',
  /** ECDSA on the P-384 curve. */
  EC_SECP384R1 = 'EC_secp384r1',
}

/** Properties of {@link DnsValidatedCertificate}. */
export interface DnsValidatedCertificateProps {
  /**
   * Name of the public Route 53 hosted zone that holds `domainName`, e.g. `example.com`. The
   * validation records are written there, so the zone must be in the same AWS account.
   */
  readonly zoneName: string;
  /**
   * Name the certificate is for: the zone itself or a name inside it, e.g. `shop.example.com`
   * or `*.example.com`.
   */
  readonly domainName: string;
  /**
   * More names on the same certificate, each the zone or inside it.
   * @default none
   */
  readonly subjectAlternativeNames?: string[];
  /**
   * Key algorithm of the certificate.
   * @default CertificateKeyAlgorithm.RSA_2048
   */
  readonly keyAlgorithm?: CertificateKeyAlgorithm;
}

/** The props {@link DnsValidatedCertificateProps} has, for the unknown-prop check. */
const CERTIFICATE_PROPS = ['zoneName', 'domainName', 'subjectAlternativeNames', 'keyAlgorithm'];

// ACM: a domain name is at most 253 characters, a label at most 63 (RFC 1035); a wildcard is
// only allowed as the whole leftmost label. A certificate holds at most 100 names (ACM quota
// "Domain names per ACM certificate", adjustable from 10 up to 100).
const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const ZONE_NAME = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_NAME_LENGTH = 253;
const MAX_NAMES_PER_CERTIFICATE = 100;

/**
 * Checks the props of a DNS-validated certificate, recording each problem under `path`
 * (e.g. `certificate.` when a load balancer receives them as its `certificate` prop). Used by
 * {@link DnsValidatedCertificate} and by the constructs that create one, so that every problem
 * is reported before any resource exists.
 */
export function validateDnsValidatedCertificateProps(
  problems: ProblemCollector,
  path: string,
  props: DnsValidatedCertificateProps,
): void {
  problems.knownKeys(path.replace(/\.$/, ''), props, CERTIFICATE_PROPS);
  const zone = normalizeName(props.zoneName);
  if (!Token.isUnresolved(props.zoneName)) {
    problems.check(
      typeof props.zoneName === 'string' && ZONE_NAME.test(zone) && zone.length <= MAX_NAME_LENGTH,
      `${path}zoneName`,
      `(${show(props.zoneName)}) must be a DNS zone name such as "example.com"`,
    );
  }
  const names = [props.domainName, ...(props.subjectAlternativeNames ?? [])];
  names.forEach((name, index) => {
    const namePath = index === 0 ? `${path}domainName` : `${path}subjectAlternativeNames[${index - 1}]`;
    if (Token.isUnresolved(name)) return;
    const host = normalizeName(name);
    if (!problems.check(
      typeof name === 'string' && HOST_NAME.test(host) && host.length <= MAX_NAME_LENGTH,
      namePath,
      `(${show(name)}) must be a DNS name such as "shop.example.com" or "*.example.com"`,
    )) return;
    if (!Token.isUnresolved(props.zoneName) && ZONE_NAME.test(zone)) {
      const bare = host.replace(/^\*\./, '');
      problems.check(
        bare === zone || bare.endsWith(`.${zone}`),
        namePath,
        `(${show(name)}) must be the zone ${show(zone)} or a name inside it: its validation record is written to that zone`,
      );
    }
  });
  if (props.subjectAlternativeNames !== undefined && !Token.isUnresolved(props.subjectAlternativeNames)) {
    problems.check(
      Array.isArray(props.subjectAlternativeNames) && names.length <= MAX_NAMES_PER_CERTIFICATE,
      `${path}subjectAlternativeNames`,
      `(${names.length - 1} names) must be a list of at most ${MAX_NAMES_PER_CERTIFICATE - 1} names (ACM: at most ${MAX_NAMES_PER_CERTIFICATE} names per certificate)`,
    );
  }
  problems.oneOf(`${path}keyAlgorithm`, props.keyAlgorithm, Object.values(CertificateKeyAlgorithm));
}

/** DNS names compare without case and without the root's trailing dot. */
function normalizeName(name: string): string {
  return typeof name === 'string' ? name.trim().toLowerCase().replace(/\.$/, '') : '';
}

/**
 * A public ACM certificate validated through DNS records in a Route 53 hosted zone, as AWS CDK's
 * `Certificate` with `CertificateValidation.fromDns(zone)`. ACM renews it automatically for as long
 * as the validation records stay in place.
 *
 * Consumers use {@link certificateArn}, which is the ARN of the *validation* resource: a listener
 * that references it is created only after ACM has issued the certificate.
 */
export class DnsValidatedCertificate extends Construct {
  /** The certificate resource (escape hatch). */
  public readonly resource: AcmCertificate;
  /** The resource that waits until ACM has issued the certificate. */
  public readonly validation: AcmCertificateValidation;
  /** The validation records, one per distinct name (a `for_each` resource). */
  public readonly validationRecords: Route53Record;
  /** ARN of the issued certificate; using it makes a resource wait for the validation. */
  public readonly certificateArn: string;
  /** Id of the hosted zone that holds the validation records. */
  public readonly hostedZoneId: string;

  constructor(scope: Construct, id: string, props: DnsValidatedCertificateProps) {
    super(scope, id);
    const problems = new ProblemCollector(`aws.DnsValidatedCertificate "${id}"`);
    validateDnsValidatedCertificateProps(problems, '', props);
    problems.throwIfAny();

    const keyAlgorithm = props.keyAlgorithm ?? CertificateKeyAlgorithm.RSA_2048;

    const zone = new DataAwsRoute53Zone(this, 'Zone', { name: props.zoneName, privateZone: false });
    this.hostedZoneId = zone.zoneId;

    this.resource = new AcmCertificate(this, 'Certificate', {
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames,
      validationMethod: 'DNS',
      keyAlgorithm,
      // A listener holds the certificate: a replacement must exist before the old one is deleted.
      lifecycle: { createBeforeDestroy: true },
    });

    // domain_validation_options is a set, so it cannot be indexed: one record per element,
    // keyed by its domain name (the provider documents this for_each form). `*.example.com` and
    // `example.com` share one record name, hence allow_overwrite.
    const option = TerraformIterator.fromComplexList(this.resource.domainValidationOptions, 'domain_name');
    this.validationRecords = new Route53Record(this, 'ValidationRecord', {
      forEach: option,
      zoneId: zone.zoneId,
      name: option.getString('resource_record_name'),
      type: option.getString('resource_record_type'),
      records: [option.getString('resource_record_value')],
      ttl: 60,
      allowOverwrite: true,
    });

    this.validation = new AcmCertificateValidation(this, 'Validation', {
      certificateArn: this.resource.arn,
      validationRecordFqdns: Token.asList(TerraformIterator.fromResources(this.validationRecords).pluckProperty('fqdn')),
    });
    this.certificateArn = this.validation.certificateArn;
  }
}
