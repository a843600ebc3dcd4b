import { describe, it, expect } from 'vitest';
import { renderTable } from './tables';

// Rows as minikube v1.35 prints `addons list` and `profile list`.
describe('minikube tables', () => {
  it('centres headers, right-aligns numbers and widens the ✅ status column', () => {
    expect(renderTable(['ADDON NAME', 'PROFILE', 'STATUS', 'MAINTAINER'], [
      ['dashboard', 'minikube', 'disabled', 'Kubernetes'],
      ['storage-provisioner', 'minikube', 'enabled ✅', 'minikube'],
    ])).toBe(
      '|---------------------|----------|--------------|------------|\n' +
        '|     ADDON NAME      | PROFILE  |    STATUS    | MAINTAINER |\n' +
        '|---------------------|----------|--------------|------------|\n' +
        '| dashboard           | minikube | disabled     | Kubernetes |\n' +
        '| storage-provisioner | minikube | enabled ✅   | minikube   |\n' +
        '|---------------------|----------|--------------|------------|\n',
    );
    expect(renderTable(['Profile', 'Nodes'], [['minikube', '1']])).toBe(
      '|----------|-------|\n| Profile  | Nodes |\n|----------|-------|\n| minikube |     1 |\n|----------|-------|\n',
    );
  });
});
