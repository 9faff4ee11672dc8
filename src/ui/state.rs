//! The page's state lives in the core (`crate::page`, tested natively); Yew
//! only needs to know it is a reducer.

pub use crate::page::*;
use std::rc::Rc;

impl yew::Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        crate::page::reduce(self, action)
    }
}
