-- Schema v10: the demo services get the Chinese names the help desk reads in timelines and the console
-- (应用：企业微信激活), as the real portal names its applications.
UPDATE services SET name = '企业微信激活' WHERE name = 'WeCom activation';
UPDATE services SET name = '网上办事服务大厅' WHERE name = 'campus portal';
