import type { NewCandidate } from './candidates.ts';
import type { Store } from './store.ts';

/** Demo candidates a trainee can type in; the README lists them. All ID numbers are fictional but well-formed. */
export const demoRoster: readonly NewCandidate[] = [
  { candidateNo: '106146510100001', name: '张伟', idType: 'resident_id', idNumber: '510107200103151626', department: '信息与通信工程学院', major: '信息与通信工程' },
  { candidateNo: '106146510100002', name: '李娜', idType: 'resident_id', idNumber: '330102199908122047', department: '计算机科学与工程学院', major: '计算机科学与技术' },
  { candidateNo: '106146510100003', name: '买买提·艾力', idType: 'resident_id', idNumber: '650102199801013312', department: '电子科学与工程学院', major: '电子科学与技术' },
  { candidateNo: '106146510100004', name: '陈美玲', idType: 'hk_macao_permit', idNumber: 'H12345678', department: '经济与管理学院', major: '工商管理' },
  { candidateNo: '106146510100005', name: '林志强', idType: 'taiwan_permit', idNumber: '12345678', department: '外国语学院', major: '外国语言文学' },
  { candidateNo: '106146510100006', name: '黄雅婷', idType: 'gat_residence_permit', idNumber: '830000199705061029', department: '生命科学与技术学院', major: '生物医学工程' },
  { candidateNo: '106146510100007', name: 'JOHN SMITH', idType: 'foreign_permanent_residence', idNumber: 'USA123456789012', department: '格拉斯哥学院', major: '电子信息' },
  { candidateNo: '106146510100008', name: '王芳', idType: 'passport', idNumber: 'E12345678', department: '数学科学学院', major: '数学' },
  { candidateNo: '106146510100009', name: '赵磊', idType: 'resident_id', idNumber: '510122200002291711', department: '自动化工程学院', major: '控制科学与工程' },
  { candidateNo: '106146510100010', name: '刘洋', idType: 'resident_id', idNumber: '110108199907190053', department: '物理学院', major: '物理学', accountType: 'student' },
  { candidateNo: '106146510100011', name: '周杰', idType: 'resident_id', idNumber: '440305200111200539', department: '机械与电气工程学院', major: '机械工程' },
  { candidateNo: '106146510100012', name: '吴静', idType: 'resident_id', idNumber: '510681199806230422', department: '材料与能源学院', major: '材料科学与工程' },
];

/** 赵磊 comes already activated, so "already activated" and login can be tried at once. */
export const demoActivated = {
  candidateNo: '106146510100009',
  phone: '13800138009',
  email: 'zhaolei@example.com',
  password: 'Uestc#Exam2026',
  // argon2id (m=19456, t=2, p=1) of the password above, precomputed so seeding stays synchronous.
  passwordHash: '$argon2id$v=19$m=19456,p=1,t=2$s7swQT/qae61cijvs1FDtA$VrXh8irG0wJ0PB6UO2ndTrM/p1geHHWtVK1sBabDO+M',
} as const;

/** Inserts the demo roster where it is missing; running it twice changes nothing. */
export function seedDemoRoster(store: Store, now: number): number {
  return store.transaction(() => {
    let inserted = 0;
    for (const c of demoRoster) {
      if (store.candidates.findByCandidateNo(c.candidateNo)) continue;
      const row = store.candidates.insert(c, now);
      inserted++;
      if (c.candidateNo === demoActivated.candidateNo) {
        store.candidates.activate({ id: row.id, phone: demoActivated.phone, email: demoActivated.email, passwordHash: demoActivated.passwordHash, now });
        store.audit.record({ at: now, event: 'ACTIVATED', outcome: 'ok', candidateId: row.id, candidateNo: c.candidateNo, actor: 'seed' });
      }
    }
    return inserted;
  });
}
