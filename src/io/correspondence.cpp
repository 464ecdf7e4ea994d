// Correspondence tables (data/correspondence/*.json).
#include "io/json.hpp"
#include "samatthana/compare.hpp"
#include "samatthana/io.hpp"

namespace samatthana {

Correspondence parse_correspondence(std::string_view text, std::string_view source_name) {
  const auto root = detail::parse_json(text, source_name);
  detail::ObjectReader r(root, "$", source_name);
  r.only({"format", "id", "note", "rows"});
  if (r.str("format") != "samatthana-correspondence/1")
    r.fail("$.format", "unsupported format (this library reads 'samatthana-correspondence/1')");
  Correspondence c;
  c.id = r.str("id");
  c.note = r.str("note", false);
  const auto& rows = r.array("rows");
  for (std::size_t i = 0; i < rows.size(); ++i) {
    detail::ObjectReader row(rows[i], "$.rows[" + std::to_string(i) + "]", source_name);
    row.only({"concept", "th", "members", "note"});
    Correspondence::Row out;
    out.concept_id = row.str("concept");
    out.th = text::normalize(row.str("th"));
    out.note = row.str("note", false);
    detail::ObjectReader members(*row.get("members"), row.child("members"), source_name);
    for (const auto& kv : members.object()) {
      if (!kv.value().is_string())
        members.fail(members.child(kv.key()), "expected a competency id (a string)");
      out.members.emplace(std::string(kv.key()), std::string(kv.value().get_string()));
    }
    for (const auto& prev : c.rows)
      for (const auto& [fw, comp] : out.members)
        if (auto it = prev.members.find(fw); it != prev.members.end() && it->second == comp)
          row.fail(members.child(fw), "competency '" + comp + "' of '" + fw +
                                          "' already belongs to concept '" + prev.concept_id + "'");
    c.rows.push_back(std::move(out));
  }
  return c;
}

const Correspondence& core_correspondence() {
  static const Correspondence table =
      parse_correspondence(embedded_data("correspondence/core-competencies.json"),
                           "(built-in) data/correspondence/core-competencies.json");
  return table;
}

}  // namespace samatthana
