#include "ops/hitctl/answer_output.h"

#include <flatbuffers/flatbuffers.h>

#include <array>

namespace hitd::ctl {
namespace {

constexpr std::array<std::string_view, 6> kAttachmentKinds = {
    "", "question", "annotation", "answer", "feedback", "qualification_test"};

const schema::ServerFrame* FrameOf(std::span<const uint8_t> frame) {
  return flatbuffers::GetSizePrefixedRoot<schema::ServerFrame>(frame.data());
}

// The one element of a push's vector, read with the schema.
Node FirstOf(const flatbuffers::Table* push, std::string_view push_table) {
  const flatbuffers::StructDef* def = WireSchema::Get().Table(push_table);
  if (def == nullptr || def->fields.vec.empty()) return Node{};
  Node node = TableNode(push, *def);
  const Node& items = node.members.front().second;
  return items.items.empty() ? Node{} : items.items.front();
}

}  // namespace

Node AnswerNode(const net::Answer& answer, std::span<const net::Attachment> attachments) {
  flatbuffers::FlatBufferBuilder fbb;
  std::span<const uint8_t> frame;
  if (const auto* result = std::get_if<engine::Result>(&answer)) {
    frame = net::EncodeResponse(fbb, 1, *result, attachments);
  } else {
    frame = net::EncodeResponse(fbb, 1, std::get<net::DaemonReply>(answer));
  }
  const schema::Response* response = FrameOf(frame)->body_as_Response();
  const flatbuffers::StructDef* def =
      WireSchema::Get().ResponseTable(static_cast<uint8_t>(response->body_type()));
  if (def == nullptr) return Node::Object();
  Node node = TableNode(reinterpret_cast<const flatbuffers::Table*>(response->body()), *def);
  if (!attachments.empty()) {
    Node& list = node.Add("attachments", Node{});
    list.kind = Node::Kind::kArray;
    for (const net::Attachment& a : attachments) {
      Node item = Node::Object();
      const auto kind = static_cast<size_t>(a.kind);
      item.Add("kind", Node::Str(std::string(kind < kAttachmentKinds.size()
                                                 ? kAttachmentKinds[kind]
                                                 : std::string_view("unknown"))));
      item.Add("id", Node::Int(static_cast<int64_t>(a.id)));
      item.Add("data", Node::Str(a.data));
      list.items.push_back(std::move(item));
    }
  }
  return node;
}

Node EventNode(const engine::Event& event) {
  flatbuffers::FlatBufferBuilder fbb;
  const auto frame = net::EncodeEventPush(fbb, std::span<const engine::Event>(&event, 1));
  return FirstOf(reinterpret_cast<const flatbuffers::Table*>(FrameOf(frame)->body_as_EventPush()),
                 "EventPush");
}

Node WorkNode(const net::WorkAvailable& work) {
  flatbuffers::FlatBufferBuilder fbb;
  const auto frame = net::EncodeWorkPush(fbb, std::span<const net::WorkAvailable>(&work, 1));
  return FirstOf(reinterpret_cast<const flatbuffers::Table*>(FrameOf(frame)->body_as_WorkPush()),
                 "WorkPush");
}

int ExitCodeOf(std::string_view code) {
  if (code == "USAGE") return kExitUsage;
  if (code == "UNBALANCED") return kExitUnbalanced;
  if (code == "LOCAL_FILE") return kExitLocalFile;
  for (int i = 1; i <= 255; ++i) {
    const auto name = engine::ErrorCodeName(static_cast<engine::ErrorCode>(i));
    if (name == code) return i;
    if (name.empty() || name == "UNKNOWN") break;
  }
  return static_cast<int>(engine::ErrorCode::kInternal);
}

CliError ErrorOf(const engine::Error& error, std::string_view message) {
  return {std::string(engine::ErrorCodeName(error.code)), std::string(error.field),
          std::string(message)};
}

std::string ErrorText(const CliError& error) {
  std::string out = "hitctl: " + error.code;
  if (!error.field.empty()) out += " (" + error.field + ")";
  if (!error.message.empty()) out += ": " + error.message;
  return out + "\n";
}

std::string ErrorJson(const CliError& error) {
  return "{\"error\":{\"code\":" + JsonString(error.code) +
         ",\"field\":" + JsonString(error.field) + ",\"message\":" + JsonString(error.message) +
         "}}";
}

}  // namespace hitd::ctl
