// The network commands of a node's shell (curl, nslookup, ping, iptables, iptables-save),
// bound to what that node sees of the simulated network (engine's NodeNetView).
import type { Command } from '../../interpreter/types';
import type { NodeNetView } from '../../../engine';
import { createCurl } from './curl';
import { createNslookup } from './nslookup';
import { createPing } from './ping';
import { createIptables, createIptablesSave } from './iptables';

export function netCommands(view: NodeNetView): Map<string, Command> {
  return new Map<string, Command>([
    ['curl', createCurl(view)],
    ['nslookup', createNslookup(view)],
    ['ping', createPing(view)],
    ['iptables', createIptables(view)],
    ['iptables-save', createIptablesSave(view)],
  ]);
}
