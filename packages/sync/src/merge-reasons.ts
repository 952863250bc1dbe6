import { msg, type Msg } from './bilingual';

/** Why the merge kept the server's value or left a field for the office (shown on tablet and console). */
export const MERGE_REASONS = {
  immutable: msg('该字段创建后不可修改', 'This field cannot change once created'),
  serverOwned: msg('该字段由办公端维护，平板上的修改未采用', 'The office maintains this field; the tablet’s change was not applied'),
  bothChanged: msg('平板和服务器都修改了该字段，且取值不同', 'Changed on both the tablet and the server, to different values'),
  office: msg('派单与时限由办公端决定，保留服务器的值', 'Assignment and deadlines are the office’s call; the server’s value was kept'),
  text: msg('双方都改写了文字，且互不为续写', 'Both sides rewrote the text and neither extends the other'),
  statusServer: msg('服务器上的状态已沿同一办理路径走得更远', 'The server’s status is further along the same path'),
  statusClash: msg('双方状态不在同一办理路径上', 'The two statuses are not on one legal path'),
  minmax: msg('按规则取较早开始/较晚结束时间', 'Earliest start / latest finish kept by rule'),
  entryClash: msg('同一条目在双方被改成不同内容', 'The same entry was changed differently on both sides'),
  entryEdited: msg('历史条目只能追加，不能修改', 'Entries can only be added, not edited'),
  entryRemoved: msg('条目只能追加，不能删除', 'Entries can only be added, not removed'),
  entryGone: msg('服务器已删除该条目，平板却修改了它', 'The server removed this entry while the tablet edited it'),
  readOnly: msg('该数据在平板上只读，修改未采用', 'This data is read-only on the tablet; the change was not applied'),
  sameStep: msg('服务器上已有同样的办理步骤，平板的这一步未重复记录', 'The server already has the same step; the tablet’s copy of it was not recorded twice'),
  noEntry: msg('状态变更缺少对应的办理记录', 'The status changed without a matching history entry'),
  notApplied: msg('该办理步骤与服务器上的状态冲突，等待办公端裁决', 'This step clashes with the status on the server; the office decides'),
} satisfies Record<string, Msg>;
