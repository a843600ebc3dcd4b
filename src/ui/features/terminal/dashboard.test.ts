import { describe, it, expect } from 'vitest';
import { parseDashboardOsc } from './dashboard';

describe('parseDashboardOsc', () => {
  it('takes the URL of minikube dashboard\'s marker and nothing else', () => {
    expect(parseDashboardOsc('dashboard;http://127.0.0.1:36541/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/')).toBe(
      'http://127.0.0.1:36541/api/v1/namespaces/kubernetes-dashboard/services/http:kubernetes-dashboard:/proxy/',
    );
    expect(parseDashboardOsc('dashboard;')).toBe('');
    expect(parseDashboardOsc('open;http://x')).toBeNull();
    expect(parseDashboardOsc('dashboardhttp://x')).toBeNull();
  });
});
