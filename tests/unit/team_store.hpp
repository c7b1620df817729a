#pragma once

// A store to test the use cases and the JSON views on (test_app_*.cpp, test_server_*.cpp): SQLite in a fresh
// temporary folder, removed afterwards; two members' small exports written here, imported at a fixed time, and the
// user's writing on them (a decision, an ask, a label, a note on a person). Every figure is known by construction.

#include <motivo/app/import.hpp>
#include <motivo/core/datetime.hpp>
#include <motivo/core/protocol/protocol.hpp>
#include <motivo/io/inputs.hpp>
#include <motivo/store/store.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <string>
#include <unistd.h>

namespace motivo::fixture {

// 2026-11-20T12:00:00Z: the time of every import and recorded action, and the "now" the tests evaluate at.
inline datetime::UnixSeconds fixed_now()
{
  return *datetime::parse_iso("2026-11-20T12:00:00Z");
}

class TeamStore {
public:
  std::filesystem::path dir;
  std::unique_ptr<store::Store> store;
  store::User marta, luis; // two members; marta's export is Yo Mismo's, luis's is Otro Dueño's
  app::ImportReport marta_import, luis_import;

  TeamStore()
  {
    static int counter = 0;
    dir = std::filesystem::temp_directory_path() /
          ("motivo-team-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    store = store::open_sqlite((dir / "team.db").string());
    marta = *store->add_user("marta", store::Role::member, "hash-of-marta", fixed_now());
    luis = *store->add_user("luis", store::Role::member, "hash-of-luis", fixed_now());
    write_martas_export();
    write_luiss_export();
    marta_import = import("marta", marta.id);
    luis_import = import("luis", luis.id);
    store->record_decision(invitation_from("Dan Cuatro"), protocol::Decision::spam, fixed_now(), classify::Label::spam);
    store->record_ask(invitation_from("Berta Dos"), fixed_now(), "Hola Berta, ¿por qué quieres conectar?");
    store->set_user_label(invitation_from("Carlos Tres"), classify::Label::template_text, fixed_now());
    store->add_person_note(store->find_people("Ana Uno").at(0).id, "nos vimos en la PyCon", fixed_now());
  }
  ~TeamStore()
  {
    store.reset();
    std::filesystem::remove_all(dir);
  }
  TeamStore(const TeamStore&) = delete;
  TeamStore& operator=(const TeamStore&) = delete;

  // The id of the invitation `name` sent (or, for one the owner sent, received).
  std::int64_t invitation_from(const std::string& name) const
  {
    for (const auto& v : store->invitations({}))
      if (v.from == name || (v.direction == Direction::outgoing && v.to == name)) return v.id;
    throw std::logic_error("no invitation of " + name);
  }

private:
  void write(const std::string& name, const std::string& text) const
  {
    const auto path = dir / name;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << text;
  }
  app::ImportReport import(const std::string& folder, std::int64_t user)
  {
    app::ImportOptions options;
    options.now = fixed_now();
    options.user = user;
    return app::import_snapshot(*store, io::collect_inputs({(dir / folder).string()}), folder, options);
  }
  // Four received invitations (a personalised note, no note, LinkedIn's default text, spam), two sent (one with a
  // note, accepted; one without), Ana asked and replying, and a file the import skips.
  void write_martas_export() const
  {
    write("marta/Invitations.csv",
          "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
          "Ana Uno,Yo Mismo,\"11/1/26, 9:00 AM\",\"Hola, vi tu charla sobre SQLite en la PyConES de Granada y me "
          "gustaría seguir hablando de bases de datos embebidas contigo.\",INCOMING,"
          "https://www.linkedin.com/in/ana-uno,https://www.linkedin.com/in/yo-mismo\n"
          "Berta Dos,Yo Mismo,\"11/3/26, 10:00 AM\",,INCOMING,https://www.linkedin.com/in/berta-dos,"
          "https://www.linkedin.com/in/yo-mismo\n"
          "Carlos Tres,Yo Mismo,\"11/5/26, 11:30 AM\",I'd like to add you to my professional network on LinkedIn.,"
          "INCOMING,https://www.linkedin.com/in/carlos-tres,https://www.linkedin.com/in/yo-mismo\n"
          "Dan Cuatro,Yo Mismo,\"11/7/26, 8:15 AM\",Gana dinero desde casa con nuestro curso de criptomonedas. "
          "Plazas limitadas: escríbeme ya y te envío el enlace de pago,INCOMING,"
          "https://www.linkedin.com/in/dan-cuatro,https://www.linkedin.com/in/yo-mismo\n"
          "Yo Mismo,Elena Cinco,\"10/20/26, 9:00 AM\",\"Hola Elena, coincidimos en el meetup de Madrid; me "
          "encantaría seguir en contacto.\",OUTGOING,https://www.linkedin.com/in/yo-mismo,"
          "https://www.linkedin.com/in/elena-cinco\n"
          "Yo Mismo,Fran Seis,\"10/22/26, 9:00 AM\",,OUTGOING,https://www.linkedin.com/in/yo-mismo,"
          "https://www.linkedin.com/in/fran-seis\n");
    write("marta/messages.csv",
          "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
          "c-ana,,Yo Mismo,https://www.linkedin.com/in/yo-mismo,Ana Uno,2026-11-02 10:00:00 UTC,,"
          "\"Hola Ana, ¿por qué quieres conectar?\",INBOX\n"
          "c-ana,,Ana Uno,https://www.linkedin.com/in/ana-uno,Yo Mismo,2026-11-02 15:30:00 UTC,,"
          "Porque me gustó tu charla,INBOX\n");
    write("marta/Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                                   "Elena,Cinco,https://www.linkedin.com/in/elena-cinco,,Empresa,Cargo,25 Oct 2026\n");
    write("marta/Profile.csv", "First Name,Last Name\nYo,Mismo\n");
  }
  void write_luiss_export() const
  {
    write("luis/Invitations.csv", "From,To,Sent At,Message,Direction\n"
                                  "Gema Siete,Otro Dueño,\"11/10/26, 9:00 AM\",,INCOMING\n"
                                  "Otro Dueño,Hugo Ocho,\"11/12/26, 9:00 AM\",,OUTGOING\n");
  }
};

} // namespace motivo::fixture
