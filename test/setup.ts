// Registers cdktf's matchers (toHaveResource, toHaveResourceWithProperties, ...).
// The side-effect import brings their type declarations into the test program.
import 'cdktf/lib/testing/adapters/jest';
import { Testing } from 'cdktf';

Testing.setupJest();
