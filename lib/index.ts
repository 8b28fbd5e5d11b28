export * as aws from './aws';
