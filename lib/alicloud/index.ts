// The Alibaba Cloud tiers (API.md). The generated bindings in ./gen stay internal: never re-export them.
export * from './provider';
