// TEMPORARY scaffolding: delete this file when audit.cc implements these.
#include "engine/engine.h"

namespace hitd::engine {
uint64_t Engine::StateHash() const { return 0; }
void Engine::CheckInvariants() const {}
}  // namespace hitd::engine
