import { describe, expect, it } from 'vitest';
import { parseGroupKeys } from '../../src/query/group-keys.js';

const names = (value: string): string[] => parseGroupKeys(value).map((k) => k.name);

describe('--by keys', () => {
  it('reads the --where field names: intrinsics, attr./span./resource./. scopes, quoted keys', () => {
    expect(parseGroupKeys('service,attr.http.route,resource.k8s.pod.name')).toEqual([
      { field: 'service', name: 'service' },
      { field: 'attr', key: 'http.route', name: 'attr.http.route' },
      { field: 'resource', key: 'k8s.pod.name', name: 'resource.k8s.pod.name' },
    ]);
    expect(names('service,span.http.route')).toEqual(['service', 'attr.http.route']);
    expect(names('service,.region')).toEqual(['service', '.region']);
    expect(names('service, attr."retry, count" ,kind')).toEqual(['service', 'attr.retry, count', 'kind']);
    expect(names('service,name,status')).toEqual(['service', 'operation', 'status']);
  });

  it("reads the issue's spelling attr:KEY as attr.KEY", () => {
    expect(names('service,attr:http.route,resource:host.name')).toEqual(['service', 'attr.http.route', 'resource.host.name']);
  });

  it('puts service in front when it is not listed, keeps it where it is listed, drops repeats', () => {
    expect(names('operation')).toEqual(['service', 'operation']);
    expect(names('kind')).toEqual(['service', 'kind']);
    expect(names('attr.http.route')).toEqual(['service', 'attr.http.route']);
    expect(names('kind,service')).toEqual(['kind', 'service']);
    expect(names('service,kind,kind,span.a,attr.a')).toEqual(['service', 'kind', 'attr.a']);
  });

  it('refuses what cannot group, in one line naming the key', () => {
    expect(() => parseGroupKeys('servce')).toThrow("--by: unknown key 'servce' (did you mean 'service'?); keys: service, operation, kind, status, attr.KEY, resource.KEY");
    expect(() => parseGroupKeys('host')).toThrow("--by: unknown key 'host' (an attribute is attr.host or resource.host)");
    expect(() => parseGroupKeys('duration')).toThrow("--by: cannot group by 'duration' (duration has too many values)");
    expect(() => parseGroupKeys('parent.service')).toThrow("--by: 'parent.service' is not a key of the span itself (parent and trace fields cannot group)");
    expect(() => parseGroupKeys('trace.id')).toThrow('is not a key of the span itself');
    expect(() => parseGroupKeys('attr.')).toThrow("--by: expected an attribute name after 'attr.' in 'attr.'");
    expect(() => parseGroupKeys('service,,kind')).toThrow("--by takes keys separated by commas (service, operation, kind, status, attr.KEY, resource.KEY), got 'service,,kind'");
    expect(() => parseGroupKeys('kind = server')).toThrow("--by: 'kind = server' is not a key");
    expect(() => parseGroupKeys('a.1,a.2,a.3,a.4,a.5,a.6,a.7,a.8,a.9'.replaceAll('a.', 'attr.'))).toThrow('--by takes at most 8 keys, got 9');
  });
});
