/**
 * Masks personal data in free text before it is stored for review or written to a log:
 * phone numbers, Chinese ID numbers, e-mail addresses, names given after 联系人/姓/我叫 or
 * before an honorific (王先生), and street addresses. What remains keeps the question readable.
 */
const rules: Array<[RegExp, string]> = [
  // E-mail first: its digits must not be read as a phone number.
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[邮箱]'],
  // 18-digit resident ID (last digit may be X), before phones so its digits are not split.
  [/(?<!\d)\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![\dA-Za-z])/g, '[证件号]'],
  // Mobile numbers, with +86 and spaces or dashes between groups.
  [/(?:\+?86[\s-]?)?(?<!\d)1[3-9]\d(?:[\s-]?\d){8}(?!\d)/g, '[电话]'],
  // Landlines: area code and number.
  [/(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g, '[电话]'],
  // Street addresses: from the road name to the end of the building / room part.
  [
    /[\p{Script=Han}\d]{0,12}(?:路|街|大道|大街|巷|弄|胡同)[\d一二三四五六七八九十百零]+号(?:[\p{Script=Han}\d\-#]{0,20}(?:栋|幢|座|楼|层|室|单元|号楼|机房))*/gu,
    '[地址]',
  ],
  [/(地址|住址)(是|在|为)?[:：\s]*[^\s,，。；;!！?？]+/g, '$1$2：[地址]'],
  // Names after a label: 联系人王小明, 我叫李雷, 姓王.
  [/(联系人|姓名|我叫|名字是|名字叫)(是|为)?[:：\s]*\p{Script=Han}{1,3}/gu, '$1$2：[姓名]'],
  [/(?<=[^\p{Script=Han}[]|^|我)姓(?!名)\p{Script=Han}/gu, '姓[姓]'],
  // A surname or name before an honorific: 王先生, 郑女士, 吴工.
  [/\p{Script=Han}{1,2}(?=(?:先生|女士|小姐|师傅|经理|总监|主任)(?![\p{Script=Han}]*(?:服务|政策)))/gu, '[姓]'],
];

/** The text with personal data replaced by placeholders such as [电话] and [地址]. */
export function maskPersonalData(text: string): string {
  return rules.reduce((t, [pattern, replacement]) => t.replace(pattern, replacement), text);
}
