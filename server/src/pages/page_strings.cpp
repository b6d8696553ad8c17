// The words of the customer's acceptance page, in the workflow's language.
#include "pages/page_renderer.hpp"

namespace sowflow::server {

namespace {

mstch::map makePageStrings(const std::string& language) {
  if (language == "zh-CN") {
    return mstch::map{
        {"lang", std::string("zh-CN")},
        {"page_title", std::string("交付物验收")},
        {"engagement", std::string("项目")},
        {"milestone", std::string("里程碑")},
        {"version", std::string("版本")},
        {"provider", std::string("服务方")},
        {"customer", std::string("客户")},
        {"deliverables", std::string("交付物")},
        {"file", std::string("文件")},
        {"size", std::string("大小")},
        {"download", std::string("下载")},
        {"deadline", std::string("验收截止时间")},
        {"deadline_note", std::string("截止前未答复的，视为验收通过（最后一个工作日：")},
        {"provisional", std::string("暂定：该日期超出已发布的节假日安排，仅按周末计算。")},
        {"comment", std::string("意见（可选）")},
        {"accept", std::string("确认验收")},
        {"object", std::string("提出异议")},
        {"outcome", std::string("结果")},
        {"decided_at", std::string("时间")},
        {"by", std::string("答复人")},
        {"window_closed", std::string("验收期限已过，不能再提交答复。")},
        {"state_accepted", std::string("已验收")},
        {"state_objected", std::string("已提出异议")},
        {"state_deemed_accepted", std::string("视为验收通过（期限内未答复）")},
        {"state_escalated", std::string("已升级处理（期限内未答复）")},
        {"recipient", std::string("收件人")},
        {"hash_note", std::string("SHA-256 校验值用于确认您看到的文件与提交的文件一致。")},
        {"not_found", std::string("链接无效或已被新版本取代。")},
    };
  }
  return mstch::map{
      {"lang", std::string("en")},
      {"page_title", std::string("Deliverable acceptance")},
      {"engagement", std::string("Engagement")},
      {"milestone", std::string("Milestone")},
      {"version", std::string("Version")},
      {"provider", std::string("Provider")},
      {"customer", std::string("Customer")},
      {"deliverables", std::string("Deliverables")},
      {"file", std::string("File")},
      {"size", std::string("Size")},
      {"download", std::string("Download")},
      {"deadline", std::string("Acceptance deadline")},
      {"deadline_note",
       std::string("Without an answer by then the deliverables are deemed accepted (last working day: ")},
      {"provisional",
       std::string("Provisional: this date lies outside the published holiday calendar; only weekends were counted.")},
      {"comment", std::string("Comment (optional)")},
      {"accept", std::string("Accept")},
      {"object", std::string("Object")},
      {"outcome", std::string("Outcome")},
      {"decided_at", std::string("At")},
      {"by", std::string("By")},
      {"window_closed", std::string("The acceptance window has closed; answers are no longer taken.")},
      {"state_accepted", std::string("Accepted")},
      {"state_objected", std::string("Objected")},
      {"state_deemed_accepted", std::string("Deemed accepted (no answer within the window)")},
      {"state_escalated", std::string("Escalated (no answer within the window)")},
      {"recipient", std::string("Recipient")},
      {"hash_note",
       std::string("The SHA-256 values let you check that the files you see are the files submitted.")},
      {"not_found", std::string("This link is not valid, or a newer version has replaced it.")},
  };
}

}  // namespace

const mstch::map& pageStrings(const std::string& language) {
  static const mstch::map chinese = makePageStrings("zh-CN");
  static const mstch::map english = makePageStrings("en");
  return language == "zh-CN" ? chinese : english;
}

}  // namespace sowflow::server
