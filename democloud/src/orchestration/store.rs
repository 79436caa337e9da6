//! Stacks, their resources and events in SQLite.
//!
//! Every status change goes through [`set_stack_status`] or
//! [`set_resource_status`], which also write the event, so the event list
//! is the complete history Heat's `event list` shows.

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde_json::{Map, Value};

use crate::db::{new_id, now_micros};
use crate::error::Error;

#[derive(Clone, Debug)]
pub struct StackRow {
    pub id: String,
    pub name: String,
    pub project_id: String,
    pub user_id: String,
    pub owner_name: String,
    pub parent_id: Option<String>,
    pub parent_resource: Option<String>,
    pub action: String,
    pub status: String,
    pub status_reason: String,
    pub template: Value,
    pub environment: Value,
    /// The resolved, typed parameter values.
    pub parameters: Map<String, Value>,
    pub timeout_mins: Option<u32>,
    pub disable_rollback: bool,
    pub tags: Option<String>,
    pub created_at: i64,
    pub updated_at: Option<i64>,
    pub deleted_at: Option<i64>,
}

impl StackRow {
    pub fn status_text(&self) -> String {
        format!("{}_{}", self.action, self.status)
    }

    pub fn in_progress(&self) -> bool {
        self.status == IN_PROGRESS
    }
}

pub const IN_PROGRESS: &str = "IN_PROGRESS";
pub const COMPLETE: &str = "COMPLETE";
pub const FAILED: &str = "FAILED";

const STACK_COLUMNS: &str = "id, name, project_id, user_id, owner_name, parent_id, \
     parent_resource, action, status, status_reason, template, environment, parameters, \
     timeout_mins, disable_rollback, tags, created_at, updated_at, deleted_at";

fn json_column(row: &Row, index: usize) -> rusqlite::Result<Value> {
    let text: String = row.get(index)?;
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn stack_from_row(row: &Row) -> rusqlite::Result<StackRow> {
    let parameters = match json_column(row, 12)? {
        Value::Object(m) => m,
        _ => Map::new(),
    };
    Ok(StackRow {
        id: row.get(0)?,
        name: row.get(1)?,
        project_id: row.get(2)?,
        user_id: row.get(3)?,
        owner_name: row.get(4)?,
        parent_id: row.get(5)?,
        parent_resource: row.get(6)?,
        action: row.get(7)?,
        status: row.get(8)?,
        status_reason: row.get(9)?,
        template: json_column(row, 10)?,
        environment: json_column(row, 11)?,
        parameters,
        timeout_mins: row.get(13)?,
        disable_rollback: row.get(14)?,
        tags: row.get(15)?,
        created_at: row.get(16)?,
        updated_at: row.get(17)?,
        deleted_at: row.get(18)?,
    })
}

pub fn insert_stack(conn: &Connection, s: &StackRow) -> Result<(), Error> {
    conn.execute(
        &format!(
            "INSERT INTO heat_stacks ({STACK_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                     ?17, ?18, ?19)"
        ),
        params![
            s.id,
            s.name,
            s.project_id,
            s.user_id,
            s.owner_name,
            s.parent_id,
            s.parent_resource,
            s.action,
            s.status,
            s.status_reason,
            s.template.to_string(),
            s.environment.to_string(),
            Value::Object(s.parameters.clone()).to_string(),
            s.timeout_mins,
            s.disable_rollback,
            s.tags,
            s.created_at,
            s.updated_at,
            s.deleted_at,
        ],
    )?;
    Ok(())
}

/// Replaces what an update changes: template, environment, parameters and
/// options.
pub fn save_stack_definition(conn: &Connection, s: &StackRow) -> Result<(), Error> {
    conn.execute(
        "UPDATE heat_stacks SET template = ?2, environment = ?3, parameters = ?4,
             timeout_mins = ?5, disable_rollback = ?6, tags = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            s.id,
            s.template.to_string(),
            s.environment.to_string(),
            Value::Object(s.parameters.clone()).to_string(),
            s.timeout_mins,
            s.disable_rollback,
            s.tags,
            s.updated_at,
        ],
    )?;
    Ok(())
}

pub fn load_stack(conn: &Connection, id: &str) -> Result<Option<StackRow>, Error> {
    Ok(conn
        .query_row(
            &format!("SELECT {STACK_COLUMNS} FROM heat_stacks WHERE id = ?1"),
            params![id],
            stack_from_row,
        )
        .optional()?)
}

/// A stack of the project by id (deleted ones too, as Heat shows them), or
/// a live one by name.
pub fn find_stack(
    conn: &Connection,
    project_id: &str,
    name_or_id: &str,
) -> Result<Option<StackRow>, Error> {
    if let Some(s) = load_stack(conn, name_or_id)? {
        if s.project_id == project_id {
            return Ok(Some(s));
        }
    }
    Ok(conn
        .query_row(
            &format!(
                "SELECT {STACK_COLUMNS} FROM heat_stacks
                 WHERE project_id = ?1 AND name = ?2 AND deleted_at IS NULL"
            ),
            params![project_id, name_or_id],
            stack_from_row,
        )
        .optional()?)
}

/// Live top-level stacks, oldest first; `None` project means every project.
pub fn list_stacks(conn: &Connection, project_id: Option<&str>) -> Result<Vec<StackRow>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {STACK_COLUMNS} FROM heat_stacks
         WHERE deleted_at IS NULL AND parent_id IS NULL AND (?1 IS NULL OR project_id = ?1)
         ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map(params![project_id], stack_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Live stacks nested in `parent_id`.
pub fn child_stacks(conn: &Connection, parent_id: &str) -> Result<Vec<StackRow>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {STACK_COLUMNS} FROM heat_stacks WHERE parent_id = ?1 AND deleted_at IS NULL"
    ))?;
    let rows = stmt.query_map(params![parent_id], stack_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Sets the stack's status and records the stack event for it.
pub fn set_stack_status(
    conn: &Connection,
    stack_id: &str,
    action: &str,
    status: &str,
    reason: &str,
) -> Result<(), Error> {
    let now = now_micros();
    let deleted_at = (action == "DELETE" && status == COMPLETE).then_some(now);
    conn.execute(
        "UPDATE heat_stacks SET action = ?2, status = ?3, status_reason = ?4,
             deleted_at = COALESCE(?5, deleted_at)
         WHERE id = ?1",
        params![stack_id, action, status, reason, deleted_at],
    )?;
    let name: String = conn.query_row(
        "SELECT name FROM heat_stacks WHERE id = ?1",
        params![stack_id],
        |r| r.get(0),
    )?;
    insert_event(
        conn,
        stack_id,
        &name,
        stack_id,
        "OS::Heat::Stack",
        action,
        status,
        reason,
        now,
    )
}

#[derive(Clone, Debug)]
pub struct ResourceRow {
    pub stack_id: String,
    pub name: String,
    pub id: String,
    pub type_name: String,
    pub physical_id: String,
    pub action: String,
    pub status: String,
    pub status_reason: String,
    /// The resolved properties it was last created or updated with.
    pub properties: Value,
    /// What the plugin keeps: `attributes`, `ref` (get_resource's answer
    /// when not the physical id) and its own bookkeeping.
    pub data: Value,
    pub created_at: i64,
    pub updated_at: Option<i64>,
}

impl ResourceRow {
    pub fn new(stack_id: &str, name: &str, type_name: &str) -> ResourceRow {
        ResourceRow {
            stack_id: stack_id.to_owned(),
            name: name.to_owned(),
            id: new_id(),
            type_name: type_name.to_owned(),
            physical_id: String::new(),
            action: "INIT".to_owned(),
            status: COMPLETE.to_owned(),
            status_reason: String::new(),
            properties: Value::Object(Map::new()),
            data: Value::Object(Map::new()),
            created_at: now_micros(),
            updated_at: None,
        }
    }

    pub fn status_text(&self) -> String {
        format!("{}_{}", self.action, self.status)
    }

    /// Whether a physical resource may exist that a delete must remove.
    pub fn exists(&self) -> bool {
        !(self.action == "INIT" || (self.action == "DELETE" && self.status == COMPLETE))
    }

    /// What `get_resource` gives.
    pub fn reference(&self) -> Value {
        match self.data.get("ref") {
            Some(r) if !r.is_null() => r.clone(),
            _ if self.physical_id.is_empty() => Value::Null,
            _ => Value::String(self.physical_id.clone()),
        }
    }

    pub fn attributes(&self) -> Option<&Map<String, Value>> {
        self.data.get("attributes").and_then(Value::as_object)
    }
}

fn resource_from_row(row: &Row) -> rusqlite::Result<ResourceRow> {
    Ok(ResourceRow {
        stack_id: row.get(0)?,
        name: row.get(1)?,
        id: row.get(2)?,
        type_name: row.get(3)?,
        physical_id: row.get(4)?,
        action: row.get(5)?,
        status: row.get(6)?,
        status_reason: row.get(7)?,
        properties: json_column(row, 8)?,
        data: json_column(row, 9)?,
        created_at: row.get(10)?,
        updated_at: row.get(11)?,
    })
}

const RESOURCE_COLUMNS: &str = "stack_id, name, id, type, physical_id, action, status, \
     status_reason, properties, data, created_at, updated_at";

pub fn resources(conn: &Connection, stack_id: &str) -> Result<Vec<ResourceRow>, Error> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {RESOURCE_COLUMNS} FROM heat_resources WHERE stack_id = ?1 ORDER BY created_at, name"
    ))?;
    let rows = stmt.query_map(params![stack_id], resource_from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn resource(
    conn: &Connection,
    stack_id: &str,
    name: &str,
) -> Result<Option<ResourceRow>, Error> {
    Ok(conn
        .query_row(
            &format!(
                "SELECT {RESOURCE_COLUMNS} FROM heat_resources WHERE stack_id = ?1 AND name = ?2"
            ),
            params![stack_id, name],
            resource_from_row,
        )
        .optional()?)
}

/// Inserts or replaces the whole row (no event).
pub fn save_resource(conn: &Connection, r: &ResourceRow) -> Result<(), Error> {
    conn.execute(
        &format!(
            "INSERT OR REPLACE INTO heat_resources ({RESOURCE_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
        ),
        params![
            r.stack_id,
            r.name,
            r.id,
            r.type_name,
            r.physical_id,
            r.action,
            r.status,
            r.status_reason,
            r.properties.to_string(),
            r.data.to_string(),
            r.created_at,
            r.updated_at,
        ],
    )?;
    Ok(())
}

pub fn remove_resource(conn: &Connection, stack_id: &str, name: &str) -> Result<(), Error> {
    conn.execute(
        "DELETE FROM heat_resources WHERE stack_id = ?1 AND name = ?2",
        params![stack_id, name],
    )?;
    Ok(())
}

/// Saves the row with a new status and records the resource event.
pub fn set_resource_status(
    conn: &Connection,
    r: &mut ResourceRow,
    action: &str,
    status: &str,
    reason: &str,
) -> Result<(), Error> {
    let now = now_micros();
    r.action = action.to_owned();
    r.status = status.to_owned();
    r.status_reason = reason.to_owned();
    r.updated_at = Some(now);
    save_resource(conn, r)?;
    insert_event(
        conn,
        &r.stack_id,
        &r.name,
        &r.physical_id,
        &r.type_name,
        action,
        status,
        reason,
        now,
    )
}

/// Records an event for the row without saving it (the old half of a
/// replacement, whose row has already moved on).
pub fn resource_event(
    conn: &Connection,
    r: &ResourceRow,
    action: &str,
    status: &str,
    reason: &str,
) -> Result<(), Error> {
    insert_event(
        conn,
        &r.stack_id,
        &r.name,
        &r.physical_id,
        &r.type_name,
        action,
        status,
        reason,
        now_micros(),
    )
}

#[derive(Clone, Debug)]
pub struct EventRow {
    pub seq: i64,
    pub id: String,
    pub resource_name: String,
    pub physical_id: String,
    pub resource_type: String,
    pub action: String,
    pub status: String,
    pub status_reason: String,
    pub created_at: i64,
}

#[allow(clippy::too_many_arguments)]
fn insert_event(
    conn: &Connection,
    stack_id: &str,
    resource_name: &str,
    physical_id: &str,
    resource_type: &str,
    action: &str,
    status: &str,
    reason: &str,
    at: i64,
) -> Result<(), Error> {
    conn.execute(
        "INSERT INTO heat_events (id, stack_id, resource_name, physical_id, resource_type,
             action, status, status_reason, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            new_id(),
            stack_id,
            resource_name,
            physical_id,
            resource_type,
            action,
            status,
            reason,
            at
        ],
    )?;
    Ok(())
}

/// Events of a stack, optionally of one resource, in order of occurrence.
pub fn events(
    conn: &Connection,
    stack_id: &str,
    resource_name: Option<&str>,
) -> Result<Vec<EventRow>, Error> {
    let mut stmt = conn.prepare(
        "SELECT seq, id, resource_name, physical_id, resource_type, action, status,
                status_reason, created_at
         FROM heat_events WHERE stack_id = ?1 AND (?2 IS NULL OR resource_name = ?2)
         ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![stack_id, resource_name], |row| {
        Ok(EventRow {
            seq: row.get(0)?,
            id: row.get(1)?,
            resource_name: row.get(2)?,
            physical_id: row.get(3)?,
            resource_type: row.get(4)?,
            action: row.get(5)?,
            status: row.get(6)?,
            status_reason: row.get(7)?,
            created_at: row.get(8)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// At start-up: operations that were running when the process stopped
/// cannot resume, so they fail as Heat marks them after an engine restart.
pub fn fail_interrupted(conn: &Connection) -> Result<usize, Error> {
    let mut stmt = conn.prepare("SELECT id, action FROM heat_stacks WHERE status = ?1")?;
    let stuck: Vec<(String, String)> = stmt
        .query_map(params![IN_PROGRESS], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (id, action) in &stuck {
        for mut r in resources(conn, id)? {
            if r.status == IN_PROGRESS {
                let action = r.action.clone();
                set_resource_status(
                    conn,
                    &mut r,
                    &action,
                    FAILED,
                    "Engine went down during resource action",
                )?;
            }
        }
        set_stack_status(
            conn,
            id,
            action,
            FAILED,
            &format!("Engine went down during stack {action}"),
        )?;
    }
    Ok(stuck.len())
}
