// Well-known weak passwords (global leak top lists plus Chinese favourites: pinyin phrases,
// "love" numerals 520/1314, lucky numbers, keyboard walks). Compared lower-cased and exact.
export const COMMON_PASSWORDS: readonly string[] = [
  // digits
  '123456', '1234567', '12345678', '123456789', '1234567890', '12345', '123123', '123321', '654321', '987654321',
  '111111', '000000', '222222', '666666', '888888', '999999', '112233', '121212', '123123123', '147258369',
  '159357', '5201314', '1314520', '520520', '521521', '11111111', '88888888', '66666666', '00000000', '12341234',
  '11223344', '123654', '789456', '456789', '147258', '100200', '123qwe', '1qaz2wsx', '7758521', '7758258',
  // English-language leaks
  'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'passw0rd!', 'p@ssw0rd!', 'p@ssw0rd123', 'password!',
  'qwerty', 'qwerty123', 'qwertyuiop', 'qwer1234', 'qwe123', 'qweasd', 'qweasdzxc', 'asdfgh', 'asdfghjkl', 'zxcvbnm',
  'asd123', 'abc123', 'abc12345', 'abcd1234', 'abc123456', 'a123456', 'a1234567', 'a12345678', 'aa123456', 'aa12345678',
  'admin', 'admin123', 'admin888', 'admin@123', 'administrator', 'root', 'root123', 'test', 'test123', 'guest',
  'letmein', 'welcome', 'welcome1', 'welcome123', 'iloveyou', 'monkey', 'dragon', 'master', 'sunshine', 'princess',
  'football', 'baseball', 'superman', 'batman', 'shadow', 'michael', 'trustno1', 'starwars', 'whatever', 'freedom',
  'hello123', 'hello', 'changeme', 'default', 'secret', 'login', 'access', 'computer', 'internet', 'google',
  '1q2w3e4r', '1q2w3e4r5t', '1qaz@wsx', 'zaq12wsx', '!qaz2wsx', '1qaz!qaz', 'q1w2e3r4', 'q1w2e3r4t5', 'zxcvbn', 'qazwsx',
  // complexity-rule-shaped leaks (pass naive "3 of 4 classes" checks)
  'aa123456!', 'aa123456.', 'abc@123', 'abc@1234', 'abc@123456', 'abc#123', 'abcd@1234', 'a123456!', 'a1234567!', 'qwer@1234',
  'qwe@123', 'qwe!@#123', 'asd@123', 'admin@1234', 'admin!@#', 'admin123!', 'root@123', 'test@123', 'test@1234', 'welcome@123',
  'p@55w0rd', 'pa$$w0rd', 'pa$$word', 'password@123', 'password#1', 'password1!', 'passw0rd@123', 'q1w2e3r4!', '1qaz@wsx3edc', 'zaq1@wsx',
  // Chinese pinyin favourites
  'woaini', 'woaini1314', 'woaini520', 'woaini521', 'woaini123', 'woainima', 'woaiwojia', 'iloveyou1314', 'woaini@1314', 'woaini1314!',
  'wodemima', 'mima123', 'mima1234', 'zhangwei', 'wangwei', 'wanglei', 'liwei', 'zhangjie', 'liuyang', 'wangjing',
  'zhongguo', 'zhongguo123', 'aini1314', 'laopo520', 'laogong520', 'baobei', 'baobei520', 'qq123456', 'qq5201314', 'qwe@5201314',
  'woshishui', 'nihao', 'nihao123', 'wobuzhidao', 'shanghai', 'beijing', 'chengdu', 'chengdu123', 'sichuan', 'tianfu',
  'xiaoming', 'xiaohong', 'huawei', 'huawei123', 'huawei@123', 'huawei12#$', 'uestc', 'uestc123', 'uestc@123', 'uestc2024',
  // patterns seen in Chinese leaks and university defaults
  'aa123123', 'a11111111', 'a111111', 'a000000', 'z123456', 'x123456', 'w123456', 'abc888888', 'aaa111', 'aaaaaa',
  'aaaaaaaa', 'abcdef', 'abcdefg', 'abcdefgh', 'abcabc', 'abc123abc', '88888888a', '123456a', '123456aa', '123456abc',
  'xiaozhang', 'a5201314', 'wang123456', 'li123456', 'zhang123456', 'chen123456', 'liu123456', 'yang123456', 'huang123456', 'zhao123456',
];
