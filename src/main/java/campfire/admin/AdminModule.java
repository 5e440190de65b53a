package campfire.admin;

import campfire.accounts.AccountsModule;
import campfire.db.Database;
import campfire.people.PeopleModule;
import campfire.realtime.Broadcaster;
import campfire.rooms.RoomsModule;
import campfire.web.Access;
import campfire.web.Feature;
import campfire.web.Routes;

/** What administrators do: the account's settings and join link, roles, deactivation, bans. */
public final class AdminModule implements Feature {
  private final Bans bans;
  private final MessageRemoval messageRemoval;
  private final AccountHandlers account;
  private final PeopleHandlers people;

  public AdminModule(Database database, Broadcaster broadcaster, AccountsModule accounts, RoomsModule rooms, PeopleModule peopleModule) {
    this.bans = new Bans(database);
    this.messageRemoval = new MessageRemoval(database, broadcaster);
    this.account = new AccountHandlers(rooms.screens(), accounts.accounts(),
        new AccountSettings(accounts.accounts(), peopleModule.storage(), peopleModule.images()), accounts.users(), peopleModule.avatars());
    this.people = new PeopleHandlers(accounts.users(), new Deactivations(database), bans, messageRemoval, broadcaster);
  }

  /** Banned addresses: the server refuses their writes before routing. */
  public Bans bans() { return bans; }

  @Override
  public void routes(Routes routes) {
    routes.get("/account/edit", account::edit)
        .patch("/account", account::update, Access.ADMIN)
        .put("/account", account::update, Access.ADMIN)
        .get("/account/logo", account::logo, Access.PUBLIC)
        .delete("/account/logo", account::destroyLogo, Access.ADMIN)
        .post("/account/join_code", account::regenerateJoinCode, Access.ADMIN)
        .get("/account/custom_styles/edit", account::editCustomStyles, Access.ADMIN)
        .patch("/account/custom_styles", account::updateCustomStyles, Access.ADMIN)
        .put("/account/custom_styles", account::updateCustomStyles, Access.ADMIN)
        .patch("/account/users/{id}", people::changeRole, Access.ADMIN)
        .put("/account/users/{id}", people::changeRole, Access.ADMIN)
        .delete("/account/users/{id}", people::deactivate, Access.ADMIN)
        .post("/users/{id}/ban", people::ban, Access.ADMIN)
        .delete("/users/{id}/ban", people::unban, Access.ADMIN);
  }

  @Override
  public void close() { messageRemoval.close(); }
}
