// The YAML language worker (yaml-language-server inside monaco-yaml), bundled by Vite as a
// module worker (`?worker`). It validates, completes and documents with the Kubernetes schema
// the page hands it; it never fetches schemas over the network.
import 'monaco-yaml/yaml.worker.js';
