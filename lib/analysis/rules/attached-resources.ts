// How the data rules find the resources attached to a subject: a bucket policy, an encryption rule or a
// cluster instance names its bucket or cluster by reference, or (written by hand) by its literal name.
import { PolicyContext, PolicySubject, refersTo } from '../policy-rule';
import { isUnknown } from './resource-links';

/**
 * The resources of `type` in the stack whose `attribute` names `subject`: by reference
 * (`${aws_s3_bucket.B.id}`) or by the same literal name as the subject's `nameAttribute`
 * (`bucket = "my-bucket"`).
 */
export function attachedTo(context: PolicyContext, type: string, attribute: string, subject: PolicySubject, nameAttribute?: string): PolicySubject[] {
  const name = nameAttribute === undefined ? undefined : subject.config[nameAttribute];
  const literalName = typeof name === 'string' && name !== '' && !isUnknown(name) ? name : undefined;
  return context.resourcesOfType(type).filter((other) => {
    const value = other.config[attribute];
    return refersTo(value, subject.address) || (literalName !== undefined && value === literalName);
  });
}
