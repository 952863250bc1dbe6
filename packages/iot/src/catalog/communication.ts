import type { ParamDef } from './types';
import { bool, cmd, defineKind } from './define';

function priority(): ParamDef {
  return { type: 'string', enum: ['normal', 'emergency'], required: true };
}

// R5.3.1: the zone plays a text through TTS; emergency pre-empts whatever is playing.
export const broadcastZone = defineKind({
  kind: 'broadcast_zone',
  fiware: 'Device',
  family: 'communication',
  nameZh: '广播分区',
  nameEn: 'Broadcast zone',
  heartbeatSeconds: 60,
  offlineSeverity: 'major',
  metrics: [bool('playing', '正在播放', 'Playing')],
  commands: [
    cmd('broadcast', '播放广播', 'Broadcast', {
      message: { type: 'string', required: true, minLength: 1, maxLength: 500 },
      priority: priority(),
      repeat: { type: 'number', min: 1, max: 5, integer: true },
    }),
    cmd('stop', '停止播放', 'Stop'),
  ],
});

// R5.3.2: notices on the lobby and gate screens.
export const infoScreen = defineKind({
  kind: 'info_screen',
  fiware: 'Device',
  family: 'communication',
  nameZh: '信息发布屏',
  nameEn: 'Information screen',
  heartbeatSeconds: 60,
  metrics: [bool('on', '屏幕开启', 'Screen on')],
  commands: [
    cmd('publish', '发布信息', 'Publish', {
      title: { type: 'string', required: true, minLength: 1, maxLength: 60 },
      body: { type: 'string', required: true, minLength: 1, maxLength: 1000 },
      priority: priority(),
    }),
    cmd('withdraw', '撤回信息', 'Withdraw'),
  ],
});
